package io.tomassure.notification.domain;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Where a webhook may point. A supplier names the URL, and this service, inside the network, calls it: unchecked, that
 * is a way to reach what only the network should reach (the other services, the cloud's metadata endpoint) and to read
 * the answer back through delivery reports. So a webhook is an https URL whose host has only public internet addresses:
 * none of the special-purpose ranges IANA lists (loopback, private, shared, link-local, unique-local, multicast,
 * documentation, unspecified) nor the IPv6 forms that carry an IPv4 address inside (mapped, compatible, 6to4, NAT64,
 * Teredo). Origins named in the allow-list (a local stack's own receiver) are exempt by name, not by weakening the rule.
 */
public final class EgressRule {

    /** An address range: its first address and how many leading bits are fixed. */
    record Range(byte[] base, int bits) {

        static Range of(String cidr) {
            String[] parts = cidr.split("/");
            try {
                return new Range(InetAddress.getByName(parts[0]).getAddress(), Integer.parseInt(parts[1]));
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(cidr, e);
            }
        }

        boolean contains(byte[] address) {
            if (address.length != base.length) {
                return false;
            }
            for (int bit = 0; bit < bits; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((address[bit / 8] & mask) != (base[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** IANA's IPv4 and IPv6 special-purpose address registries, and the IPv6 forms that embed an IPv4 address. */
    private static final List<Range> NOT_PUBLIC = List.of(
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
            "192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24",
            "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4",
            "::/96", "::1/128", "::ffff:0:0/96", "64:ff9b::/96", "64:ff9b:1::/48", "100::/64", "2001::/32",
            "2001:db8::/32", "2002::/16", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8")
            .stream().map(Range::of).toList();

    private EgressRule() {
    }

    /**
     * Why {@code url} cannot be a webhook by its form alone (before its host is resolved), or empty. {@code httpAllowed}
     * is for development and tests; the allow-listed origins pass whatever their form.
     */
    public static Optional<String> refusal(URI url, boolean httpAllowed, Set<String> allowedOrigins) {
        if (allowedOrigins.contains(origin(url))) {
            return Optional.empty();
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(httpAllowed && scheme.equals("http"))) {
            return Optional.of(httpAllowed ? "must be an http or https URL" : "must be an https URL");
        }
        if (url.getRawUserInfo() != null) {
            return Optional.of("must not carry a user name or password");
        }
        if (url.getHost() == null || url.getHost().isBlank()) {
            return Optional.of("must name a host");
        }
        if (url.getRawFragment() != null) {
            return Optional.of("must not have a fragment");
        }
        if (isLiteralWithEmbeddedIpv4(url.getHost())) {
            return Optional.of("must not name an IPv4-mapped or IPv4-compatible IPv6 address");
        }
        return Optional.empty();
    }

    /** Whether every request to {@code url} is exempt from the address rule, being an allow-listed origin. */
    public static boolean allowListed(URI url, Set<String> allowedOrigins) {
        return allowedOrigins.contains(origin(url));
    }

    /** Whether a webhook may be sent to {@code address}: a public internet address. */
    public static boolean isPublic(InetAddress address) {
        byte[] bytes = address.getAddress();
        return NOT_PUBLIC.stream().noneMatch(range -> range.contains(bytes));
    }

    /** {@code scheme://host:port}, lower case, with the scheme's default port made explicit: how allow-lists name origins. */
    public static String origin(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
        int port = url.getPort() >= 0 ? url.getPort() : scheme.equals("https") ? 443 : scheme.equals("http") ? 80 : -1;
        return scheme + "://" + host + ":" + port;
    }

    /**
     * An IPv6 literal such as {@code [::ffff:127.0.0.1]}: Java reads it as the IPv4 address inside, which would then
     * be checked as IPv4; refusing the form keeps one spelling per address.
     */
    private static boolean isLiteralWithEmbeddedIpv4(String host) {
        if (!host.startsWith("[")) {
            return false;
        }
        try {
            InetAddress literal = InetAddress.getByName(host.substring(1, host.length() - 1));
            return literal instanceof Inet4Address
                    || literal instanceof Inet6Address v6 && v6.isIPv4CompatibleAddress();
        } catch (UnknownHostException e) {
            return true; // not an address at all
        }
    }
}
