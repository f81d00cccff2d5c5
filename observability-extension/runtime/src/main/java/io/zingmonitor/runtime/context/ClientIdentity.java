package io.zingmonitor.runtime.context;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;

/**
 * Who is calling: the API key header when there is one, else the remote address, always as a short
 * salted hash. The hash is stable (dashboards can follow one client across services) but reveals
 * neither the key nor the address.
 */
@jakarta.inject.Singleton
public class ClientIdentity {

    public static final String MDC_KEY = "client.id";
    private static final String CONTEXT_KEY = "zingmonitor.client.id";

    private final String header;
    private final byte[] salt;
    private final boolean forwardedAddresses;
    /** A hash per request would cost more than everything else ZingMonitor does with the client id. */
    private final PerClientMemo<String> idsByKey = new PerClientMemo<>(key -> hash("key:" + key));
    private final PerClientMemo<String> idsByAddress = new PerClientMemo<>(address -> hash("ip:" + address));

    @jakarta.inject.Inject
    public ClientIdentity(io.zingmonitor.runtime.config.ZingMonitorRuntimeConfig config,
            @ConfigProperty(name = "quarkus.http.proxy.proxy-address-forwarding", defaultValue = "false") boolean forwardedAddresses) {
        this(config.client().header(), config.client().hashSalt(), forwardedAddresses);
    }

    ClientIdentity(String header, String salt, boolean forwardedAddresses) {
        this.header = header;
        this.salt = salt.getBytes(StandardCharsets.UTF_8);
        this.forwardedAddresses = forwardedAddresses;
    }

    /** The hashed client id of this request, computed once per request. */
    public String of(RoutingContext context) {
        String cached = context.get(CONTEXT_KEY);
        if (cached != null) {
            return cached;
        }
        String key = context.request().getHeader(header);
        String id;
        if (key != null && !key.isBlank()) {
            id = idsByKey.get(key);
        } else {
            // The request's own address resolves forwarding headers, which costs each request a parse;
            // when Quarkus does not trust them, it is the connection's peer (or PROXY protocol's) anyway.
            SocketAddress remote = forwardedAddresses ? context.request().remoteAddress()
                    : context.request().connection().remoteAddress();
            id = idsByAddress.get(remote == null ? "unknown" : remote.hostAddress());
        }
        context.put(CONTEXT_KEY, id);
        return id;
    }

    String hash(String raw) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(salt);
            byte[] hash = digest.digest(raw.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }
}
