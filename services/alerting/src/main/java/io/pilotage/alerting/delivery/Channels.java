package io.pilotage.alerting.delivery;

import io.pilotage.alerting.AlertingConfig;
import io.pilotage.alerting.notification.AlertMessage;
import io.pilotage.alerting.notification.Subscription;
import io.pilotage.contracts.JsonCodec;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

/**
 * Sends one {@link AlertMessage} over a subscription's channel: Slack (Block Kit over an incoming
 * webhook), e-mail (HTML and plain text from the Qute templates {@code alert-email.html} and
 * {@code alert-email.txt}) or a generic webhook (JSON, HMAC-SHA256 signature, timestamp). Never
 * fails: the outcome, status and latency come back as a {@link DeliveryResult}.
 */
@ApplicationScoped
public class Channels {

    private final WebClient http;
    private final ReactiveMailer mailer;
    private final Template html;
    private final Template text;
    private final AlertingConfig config;

    public Channels(Vertx vertx, ReactiveMailer mailer, @Location("alert-email.html") Template html,
                    @Location("alert-email.txt") Template text, AlertingConfig config) {
        this.http = WebClient.create(vertx, new WebClientOptions()
                .setConnectTimeout((int) config.deliveryTimeout().toMillis())
                .setIdleTimeout(60).setKeepAlive(true).setMaxPoolSize(50).setUserAgent("pilotage-alerting"));
        this.mailer = mailer;
        this.html = html;
        this.text = text;
        this.config = config;
    }

    @PreDestroy
    void close() {
        http.close();
    }

    public Uni<DeliveryResult> send(Subscription sub, AlertMessage message) {
        long t0 = System.nanoTime();
        Uni<DeliveryResult> sent = switch (sub.channel()) {
            case SLACK -> post(sub.target(), JsonCodec.encode(message.slack()), Map.of(), t0);
            case WEBHOOK -> webhook(sub, message, t0);
            case EMAIL -> email(sub, message, t0);
        };
        return sent.onFailure().recoverWithItem(e -> failure(e, t0));
    }

    private Uni<DeliveryResult> webhook(Subscription sub, AlertMessage message, long t0) {
        byte[] body = JsonCodec.encode(message.webhook());
        long ts = Instant.now().getEpochSecond();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(WebhookSigner.TIMESTAMP_HEADER, Long.toString(ts));
        headers.put(WebhookSigner.DELIVERY_HEADER, deliveryId(message));
        if (sub.secret() != null) {
            headers.put(WebhookSigner.SIGNATURE_HEADER, WebhookSigner.sign(sub.secret(), ts, body));
        }
        return post(sub.target(), body, headers, t0);
    }

    /** A delivery id stable for the same notifications, so a receiver can recognise a repeat. */
    private static String deliveryId(AlertMessage m) {
        StringBuilder s = new StringBuilder();
        m.items().forEach(i -> s.append(i.notificationId()).append(','));
        return UUID.nameUUIDFromBytes(s.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }

    private Uni<DeliveryResult> post(String url, byte[] body, Map<String, String> headers, long t0) {
        URI uri = URI.create(url);
        HttpRequest<Buffer> req = http.requestAbs(HttpMethod.POST, url)
                .timeout(config.deliveryTimeout().toMillis())
                .putHeader("Content-Type", "application/json; charset=utf-8");
        headers.forEach(req::putHeader);
        return req.sendBuffer(Buffer.buffer(body)).map(resp -> {
            double ms = elapsed(t0);
            int status = resp.statusCode();
            if (status >= 200 && status < 300) {
                return DeliveryResult.delivered(status, ms);
            }
            String reply = resp.bodyAsString();
            return DeliveryResult.failed(status, ms, "HTTP " + status + " from " + uri.getHost()
                    + (reply == null ? "" : ": " + reply.substring(0, Math.min(200, reply.length()))));
        });
    }

    private Uni<DeliveryResult> email(Subscription sub, AlertMessage message, long t0) {
        Map<String, Object> view = emailView(message);
        return Uni.combine().all().unis(html.data("m", view).createUni(), text.data("m", view).createUni()).asTuple()
                .chain(parts -> mailer.send(Mail.withHtml(sub.target(), message.subject(), parts.getItem1())
                        .setText(parts.getItem2())))
                .ifNoItem().after(config.deliveryTimeout()).fail()
                .map(ignored -> DeliveryResult.delivered(null, elapsed(t0)));
    }

    /** What the e-mail templates render: the same facts as every other channel. */
    static Map<String, Object> emailView(AlertMessage m) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (AlertMessage.Item i : m.items()) {
            Map<String, Object> it = new LinkedHashMap<>();
            it.put("headline", m.headline(i));
            it.put("kind", i.kind().wireName());
            it.put("facts", new ArrayList<>(m.facts(i).entrySet()));
            it.put("link", m.kpiPageLink(i.alert()));
            items.add(it);
        }
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("lang", m.language());
        view.put("subject", m.subject());
        view.put("project", m.project());
        view.put("words", io.pilotage.alerting.notification.Messages.all(m.language()));
        view.put("items", items);
        return view;
    }

    private static DeliveryResult failure(Throwable e, long t0) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String msg = t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
        if (e instanceof TimeoutException || t instanceof TimeoutException
                || e instanceof io.smallrye.mutiny.TimeoutException
                || msg.contains("timeout") || msg.contains("Timeout")) {
            return DeliveryResult.timeout(elapsed(t0), msg);
        }
        return DeliveryResult.failed(null, elapsed(t0), msg);
    }

    private static double elapsed(long t0) {
        return (System.nanoTime() - t0) / 1_000_000.0;
    }
}
