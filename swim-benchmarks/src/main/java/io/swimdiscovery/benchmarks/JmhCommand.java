package io.swimdiscovery.benchmarks;

import java.io.PrintStream;
import java.util.List;

/** {@code jmh [jmh options]}: the JMH micro benchmarks, with JMH's own command line. */
final class JmhCommand implements RawArgsCommand {

    @Override
    public String name() {
        return "jmh";
    }

    @Override
    public String usage() {
        return "jmh [JMH options]   micro benchmarks (codec, encryption); e.g. jmh -prof gc -f 1 WireCodec";
    }

    @Override
    public int runRaw(List<String> jmhArgs, PrintStream out, PrintStream err) throws Exception {
        org.openjdk.jmh.Main.main(jmhArgs.toArray(new String[0]));
        return 0;
    }
}
