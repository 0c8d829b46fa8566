package io.pinfold.pin.reconcile;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Tells this copy at once which nodes got new node_pin rows, from any copy (the API, the pin.requested consumer, a
 * move): V8's trigger sends {@code NOTIFY pinfold_node_pin_due, '<node id>'} per node and statement, and PostgreSQL
 * delivers it only when the transaction commits, so the rows are there when the reconciler reads them. Without it a
 * new pin waited for the next tick (up to pinfold.reconcile.interval). The tick stays the fallback: a notification
 * lost while the listening connection reconnects delays that work by one interval, nothing more.
 */
@ApplicationScoped
public class DueNotifications {
    static final String CHANNEL = "pinfold_node_pin_due";
    private static final Logger LOG = Logger.getLogger(DueNotifications.class);

    private final Vertx vertx;
    private final String url;
    private final Optional<String> user;
    private final Optional<String> password;
    private PgSubscriber subscriber;

    public DueNotifications(Vertx vertx, @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
                            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
                            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.vertx = vertx;
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** Listens on its own connection (LISTEN holds it), reconnecting every second when it drops. */
    public synchronized void listen(Consumer<String> onNode) {
        if (subscriber != null) {
            return;
        }
        PgConnectOptions options = PgConnectOptions.fromUri(url.replaceFirst("^vertx-reactive:", ""));
        user.ifPresent(options::setUser);
        password.ifPresent(options::setPassword);
        subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(retries -> 1000L);
        subscriber.channel(CHANNEL).handler(onNode::accept);
        subscriber.connect().onFailure(failure -> LOG.warnf("not listening for new node pins (%s): new work starts at the next tick",
                failure.getMessage()));
    }

    public synchronized void close() {
        if (subscriber != null) {
            subscriber.close();
            subscriber = null;
        }
    }
}
