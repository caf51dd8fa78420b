package io.swimdiscovery.spring.autoconfigure;

import org.jspecify.annotations.Nullable;

/**
 * {@code swim.instance.*}: how other services reach this instance. The SWIM address is always an
 * IP (peers probe it); the host discovery hands to callers may be a name, for TLS hostname checks.
 * Which IP is chosen when binding to a wildcard address is Spring Cloud's
 * {@code spring.cloud.inetutils.*} (preferred networks, ignored interfaces, site-local only), as
 * for Consul and Eureka; see docs/spring-integration.md, "Host selection".
 */
public class SwimInstanceProperties {

    /**
     * Whether callers get this instance's IP address as its host. When false, they get its host
     * name (swim.instance.hostname, or the one Spring Cloud's InetUtils finds for the chosen IP).
     */
    private boolean preferIpAddress = true;

    /** Host name callers get when prefer-ip-address is false; default: the chosen IP's name. */
    private @Nullable String hostname;

    /**
     * Whether, when spring.cloud.inetutils.ignored-interfaces is not set, container and virtual
     * bridges (docker0, veth*, br-*, cni*, flannel*, cali*, virbr*, weave, kube-*) are skipped
     * when choosing the address to advertise.
     */
    private boolean ignoreContainerInterfaces = true;

    /**
     * Whether to publish management.port, management.context-path and health.path (read by
     * Spring Boot Admin and other discovery-driven tools) when Actuator is present.
     */
    private boolean managementMetadata = true;

    public boolean isPreferIpAddress() {
        return this.preferIpAddress;
    }

    public void setPreferIpAddress(boolean preferIpAddress) {
        this.preferIpAddress = preferIpAddress;
    }

    public @Nullable String getHostname() {
        return this.hostname;
    }

    public void setHostname(@Nullable String hostname) {
        this.hostname = hostname;
    }

    public boolean isIgnoreContainerInterfaces() {
        return this.ignoreContainerInterfaces;
    }

    public void setIgnoreContainerInterfaces(boolean ignoreContainerInterfaces) {
        this.ignoreContainerInterfaces = ignoreContainerInterfaces;
    }

    public boolean isManagementMetadata() {
        return this.managementMetadata;
    }

    public void setManagementMetadata(boolean managementMetadata) {
        this.managementMetadata = managementMetadata;
    }
}
