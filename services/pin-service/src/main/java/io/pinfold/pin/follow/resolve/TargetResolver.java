package io.pinfold.pin.follow.resolve;

import io.pinfold.ipfs.cid.Cid;
import io.pinfold.ipfs.cid.InvalidCidException;
import io.pinfold.pin.follow.FollowConfig;
import io.pinfold.pin.follow.FollowTarget;
import io.pinfold.runtime.rest.RequestRejected;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Resolves a follow entry to an immutable {@code /ipfs/<cid>[/path]}: IPNS names through {@link IpnsLookup}, DNSLink
 * domains through {@link DnsLinkLookup}, following /ipns/ values from one to the next (subpaths appended) for at most
 * pinfold.follow.max-depth names, within pinfold.follow.resolve-timeout.
 */
@ApplicationScoped
public class TargetResolver {
    private final IpnsLookup ipns;
    private final DnsLinkLookup dnslink;
    private final FollowConfig config;

    public TargetResolver(IpnsLookup ipns, DnsLinkLookup dnslink, FollowConfig config) {
        this.ipns = ipns;
        this.dnslink = dnslink;
        this.config = config;
    }

    /** The resolved path and its root CID. */
    public record Resolved(String path, String cid) {
    }

    public Uni<Resolved> resolve(FollowTarget target) {
        return step(target, 1).ifNoItem().after(config.resolveTimeout())
                .failWith(() -> new ResolutionFailedException(target.path() + ": no answer within " + config.resolveTimeout()
                        + " (pinfold.follow.resolve-timeout)"));
    }

    private Uni<Resolved> step(FollowTarget target, int depth) {
        if (target.kind() == FollowTarget.Kind.IPFS) {
            return Uni.createFrom().item(new Resolved(target.path(), target.normalized()));
        }
        if (depth > config.maxDepth()) {
            return Uni.createFrom().failure(new ResolutionFailedException(target.path() + ": more than " + config.maxDepth()
                    + " names in a row (pinfold.follow.max-depth)"));
        }
        Uni<String> next = target.kind() == FollowTarget.Kind.IPNS ? ipns.lookup(target.normalized()) : dnslink.lookup(target.normalized());
        return next.chain(value -> {
            String path = value + target.subpath();
            if (path.startsWith("/ipfs/")) {
                return Uni.createFrom().item(immutable(target, path));
            }
            FollowTarget further;
            try {
                further = FollowTarget.ofIpnsPath(path);
            } catch (RequestRejected e) {
                throw new ResolutionFailedException(target.path() + " points at '" + value + "', " + e.getMessage());
            }
            if (further == null) {
                throw new ResolutionFailedException(target.path() + " points at '" + value + "', neither /ipfs/ nor /ipns/");
            }
            return step(further, depth + 1);
        });
    }

    private static Resolved immutable(FollowTarget target, String path) {
        String rest = path.substring("/ipfs/".length());
        int slash = rest.indexOf('/');
        String root = slash < 0 ? rest : rest.substring(0, slash);
        try {
            return new Resolved(path, Cid.parse(root).toString());
        } catch (InvalidCidException e) {
            throw new ResolutionFailedException(target.path() + " points at '" + path + "', whose root is not a CID");
        }
    }
}
