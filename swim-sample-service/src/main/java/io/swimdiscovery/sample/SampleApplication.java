package io.swimdiscovery.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * A service that finds its peers with SWIM: start several copies (see scripts/run-local-cluster.sh)
 * and open any of them in a browser to watch the cluster as that instance sees it.
 */
@SpringBootApplication
@EnableScheduling
public class SampleApplication {

    public static void main(String[] args) {
        SpringApplication.run(SampleApplication.class, args);
    }
}
