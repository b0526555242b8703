package io.zhengfeng.notification.delivery;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.zhengfeng.notification.config.NotificationConfig;

/**
 * Keeps webhooks from reaching into the bureau's own network (SSRF, OWASP API7): a target must be
 * http(s) and its host must resolve only to public addresses, unless its {@code host:port} is listed
 * in {@code zhengfeng.notification.webhooks.allowed-targets}. Checked when a webhook is registered
 * and again before every call, since a name may later resolve elsewhere (DNS rebinding). The JDK
 * caches a lookup for 30 s, so the call normally connects to the address just checked.
 */
@ApplicationScoped
public class WebhookTargets {
    /** Cloud instance-metadata names, refused whatever they resolve to. */
    private static final Set<String> METADATA_HOSTS = Set.of("metadata.google.internal", "metadata.goog", "metadata",
            "instance-data", "instance-data.ec2.internal");

    private final Set<String> allowed;

    public WebhookTargets(NotificationConfig config) {
        this.allowed = config.webhooks().allowedTargets().orElse(List.of()).stream()
                .map(t -> t.trim().toLowerCase(Locale.ROOT))
                .filter(t -> !t.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Why {@code url} may not be called, or empty if it may. Resolves the host (blocking). */
    public Optional<String> refusal(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.of("must be an http or https URL");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("must not contain credentials; the signature authenticates the call");
        }
        if (uri.getHost() == null) {
            return Optional.of("has no host");
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        if (allowed.contains(host + ":" + port)) {
            return Optional.empty();
        }
        if (METADATA_HOSTS.contains(host)) {
            return Optional.of("is a cloud metadata endpoint");
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException e) {
            return Optional.of("host " + host + " cannot be resolved");
        }
        for (InetAddress address : addresses) {
            if (isInternal(address)) {
                return Optional.of("host " + host + " resolves to an internal address (" + address.getHostAddress()
                        + "): loopback, private, link-local and metadata targets are refused");
            }
        }
        return Optional.empty();
    }

    static boolean isInternal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 // "this network"
                    || first == 100 && (second & 0xc0) == 64 // 100.64.0.0/10, carrier-grade NAT
                    || first >= 240; // 240.0.0.0/4 reserved, and the broadcast address
        }
        if (address instanceof Inet6Address v6 && v6.isIPv4CompatibleAddress()) {
            try {
                return isInternal(InetAddress.getByAddress(new byte[] { b[12], b[13], b[14], b[15] }));
            } catch (UnknownHostException e) {
                return true;
            }
        }
        return (b[0] & 0xfe) == 0xfc; // fc00::/7, unique local
    }
}
