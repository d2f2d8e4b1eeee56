package io.pilotage.ingestion.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pilotage.contracts.CanonicalEvent;
import io.pilotage.contracts.Problem.FieldError;
import io.pilotage.contracts.RejectedEvent;
import io.pilotage.contracts.definition.QualityRule;
import io.pilotage.contracts.definition.SourceDefinition;
import io.pilotage.ingestion.dedupe.EventLedger;
import io.pilotage.ingestion.dedupe.EventRef;
import io.pilotage.ingestion.event.EventBodyReader.Body;
import io.pilotage.ingestion.event.EventBodyReader.Item;
import io.pilotage.ingestion.event.IntakeReport.ItemResult;
import io.pilotage.ingestion.event.IntakeReport.Status;
import io.pilotage.ingestion.quality.QualityEvaluator;
import io.pilotage.ingestion.source.SourceRegistry;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The ingestion pipeline, the same for every endpoint and adapter (DESIGN §2.3): validate each
 * item, enforce the source's accepted lateness, keep personal data out, apply the source's quality
 * rules, deduplicate {@code (source, id)} through the {@link EventLedger}, publish, and report per
 * item. Rejected items go to the {@link RejectionSink} (topic and quarantine).
 *
 * <p>The returned stage completes only once every accepted event is acknowledged by the publisher
 * (for Kafka: {@code acks=all}) and every rejection is stored; if a publication fails, the claims
 * are released, the stage fails, and nothing is reported as accepted.
 */
public final class EventIntake {

    /** Attribute carrying the names of the flag-severity quality rules an accepted event failed. */
    public static final String QUALITY_FLAGS = "dq_flags";
    static final int MAX_PAYLOAD_CHARS = 4096;

    private final EventValidator validator;
    private final PersonalDataScrubber scrubber;
    private final SubjectPseudonymizer pseudonymizer;
    private final SourceRegistry sources;
    private final QualityEvaluator quality;
    private final EventLedger ledger;
    private final EventPublisher publisher;
    private final RejectionSink rejections;
    private final IntakeListener listener;
    private final Clock clock;

    public EventIntake(EventValidator validator, SubjectPseudonymizer pseudonymizer, SourceRegistry sources,
                       QualityEvaluator quality, EventLedger ledger, EventPublisher publisher, RejectionSink rejections,
                       IntakeListener listener, Clock clock) {
        this.validator = validator;
        this.pseudonymizer = pseudonymizer;
        this.scrubber = new PersonalDataScrubber(pseudonymizer);
        this.sources = sources;
        this.quality = quality;
        this.ledger = ledger;
        this.publisher = publisher;
        this.rejections = rejections;
        this.listener = listener;
        this.clock = clock;
    }

    public SourceRegistry sources() {
        return sources;
    }

    /**
     * An event that passed every per-item check, waiting for deduplication, as the rest of the intake
     * needs it: its pair, and what the report and the counters say of it. The event itself is not
     * kept, and its encoded form (see {@link EncodedEvent}) is kept apart, by item index, so that
     * nothing holds it once the producer has taken it: only the candidates wait for the broker's ack,
     * and each young collection copies what waits, at a cost that grows with the number of objects.
     * So a candidate is few of them: its pair (whose source string is shared by the request's events
     * of that source), its time of occurrence as two numbers, and no list of its own when its source
     * has no {@code unique} rule (nearly always).
     */
    private record Candidate(int index, EventRef ref, long occurredSecond, int occurredNano,
                             List<EventRef> uniqueRefs, List<QualityRule> uniqueRules) {
        String id() {
            return ref.id();
        }

        String source() {
            return ref.source();
        }

        Instant occurredAt() {
            return Instant.ofEpochSecond(occurredSecond, occurredNano);
        }

        /** Adds its pair and the pairs of its unique values (those it has) to {@code to}. */
        void addClaimsTo(Set<EventRef> to) {
            to.add(ref);
            for (EventRef r : uniqueRefs) {
                if (r != null) {
                    to.add(r);
                }
            }
        }

        /** Adds the pairs of its unique values that {@code owned} holds to {@code to}. */
        void addOwnedUniqueTo(Set<EventRef> to, Set<EventRef> owned) {
            for (EventRef r : uniqueRefs) {
                if (r != null && owned.contains(r)) {
                    to.add(r);
                }
            }
        }
    }

    /**
     * Whether events arrive live, or as a history import (an admin's backfill), which lifts the
     * source's {@code acceptedLateness} and its {@code max_lateness} quality rules; everything else
     * (validation, personal data, the other rules, dedupe, publication, quarantine) is the same.
     */
    public enum Mode { LIVE, HISTORY }

    /**
     * The outcome of a history import: the per-item report, and the earliest and latest
     * {@code occurredAt} of the events it accepted (null when it accepted none).
     */
    public record Imported(IntakeReport report, Instant earliest, Instant latest) {
    }

    /** The span of the accepted events' {@code occurredAt} (a request's events are accepted on one thread). */
    private static final class Span {
        Instant earliest;
        Instant latest;

        void add(Instant at) {
            if (earliest == null || at.isBefore(earliest)) {
                earliest = at;
            }
            if (latest == null || at.isAfter(latest)) {
                latest = at;
            }
        }
    }

    /**
     * Imports past events of {@code authenticatedSource} (null: each event names its own source), the
     * live lateness limits lifted ({@link Mode#HISTORY}).
     */
    public CompletionStage<Imported> importHistory(Body body, String authenticatedSource) {
        Span span = new Span();
        return ingest(body, authenticatedSource, true, Mode.HISTORY, span)
                .thenApply(report -> new Imported(report, span.earliest, span.latest));
    }

    /** Ingests items posted by any authenticated client (the source is the one each event names). */
    public CompletionStage<IntakeReport> ingest(Body body) {
        return ingest(body, null);
    }

    /**
     * Ingests items of {@code authenticatedSource} (null when the caller is not a source but a
     * client with a bearer token): every event must then name that source.
     */
    public CompletionStage<IntakeReport> ingest(Body body, String authenticatedSource) {
        return ingest(body, authenticatedSource, true, Mode.LIVE, null);
    }

    /** Replays an event out of quarantine: a rejection is answered, not quarantined a second time. */
    public CompletionStage<IntakeReport> ingestWithoutQuarantine(Body body) {
        return ingest(body, null, false, Mode.LIVE, null);
    }

    /** @param span where the accepted events' times go, or null */
    private CompletionStage<IntakeReport> ingest(Body body, String authenticatedSource, boolean quarantine, Mode mode,
                                                 Span span) {
        Instant now = clock.instant();
        int n = body.items().size();
        ItemResult[] results = new ItemResult[n];
        List<RejectedEvent> rejected = new ArrayList<>();
        List<Candidate> candidates = new ArrayList<>(n);
        EncodedEvent[] encoded = new EncodedEvent[n];
        Map<String, Integer> receivedPerSource = new HashMap<>();
        Map<String, String> sourceNames = new HashMap<>();
        for (int i = 0; i < n; i++) {
            Item item = body.items().get(i);
            String prefix = body.batch() ? itemPrefix(i) : "";
            String claimedSource = authenticatedSource != null ? authenticatedSource : safeText(item.node(), "source");
            receivedPerSource.merge(claimedSource == null ? "(unknown)" : claimedSource, 1, Integer::sum);
            List<FieldError> errors;
            if (item.parseError() != null) {
                errors = List.of(new FieldError(item.errorField() != null ? prefix + item.errorField() : "[" + i + "]",
                        item.parseError()));
            } else {
                errors = new ArrayList<>();
                Candidate c = check(i, item, prefix, authenticatedSource, now, errors, encoded, sourceNames, mode);
                if (c != null) {
                    candidates.add(c);
                    continue;
                }
            }
            results[i] = new ItemResult(i, safeText(item.node(), "id"), Status.rejected, errors);
            rejected.add(rejection(item, claimedSource, errors, now));
        }
        receivedPerSource.forEach(listener::received);
        rejected.forEach(r -> listener.rejected(r.source()));

        CompletableFuture<Void> stored = rejected.isEmpty() || !quarantine
                ? CompletableFuture.completedFuture(null)
                : rejections.reject(rejected).toCompletableFuture();
        if (candidates.isEmpty()) {
            return stored.thenApply(done -> IntakeReport.of(List.of(results)));
        }
        return stored.thenCompose(done -> deduplicateAndPublish(candidates, encoded, results, now, quarantine, span))
                .thenApply(done -> IntakeReport.of(List.of(results)));
    }

    /**
     * The item as a candidate, its encoded form put in {@code encoded} at its index; null, with
     * {@code errors}, if refused. {@code sourceNames}: the request's source names so far, each once.
     */
    private Candidate check(int index, Item item, String prefix, String authenticatedSource, Instant now,
                            List<FieldError> errors, EncodedEvent[] encoded, Map<String, String> sourceNames, Mode mode) {
        EventValidator.Result result = validator.validate(item.node(), prefix, item.plain());
        if (!result.valid()) {
            errors.addAll(result.errors());
            return null;
        }
        CanonicalEvent event = result.event();
        if (authenticatedSource != null && !authenticatedSource.equals(event.source())) {
            errors.add(new FieldError(prefix + "source", "must be " + authenticatedSource + ", the authenticated source"));
            return null;
        }
        SourceRegistry.Intake intake = sources.intakeOf(event.source());
        SourceDefinition source = intake.definition();
        boolean live = mode == Mode.LIVE;
        if (live && source.acceptedLateness() != null && event.occurredAt().isBefore(now.minus(source.acceptedLateness()))) {
            errors.add(new FieldError(prefix + "occurredAt", "is older than the " + source.acceptedLateness()
                    + " this source may be late"));
            return null;
        }
        PersonalDataScrubber.Result scrubbed = scrubber.scrub(event, intake.personalFields(), intake.personalDataPolicy(), prefix);
        if (scrubbed.event() == null) {
            errors.addAll(scrubbed.errors());
            return null;
        }
        event = scrubbed.event().withReceivedAt(now);
        List<String> flags = new ArrayList<>(0);
        List<QualityRule> rules = live ? source.qualityRules() : intake.historyRules();
        for (QualityEvaluator.Failure f : quality.evaluate(source.id(), rules, event, now)) {
            if (f.reject()) {
                errors.add(new FieldError(prefix + f.field(), "quality rule " + f.rule() + ": " + f.message()));
            } else {
                flags.add(f.rule());
            }
        }
        if (!errors.isEmpty()) {
            return null;
        }
        if (!flags.isEmpty()) {
            listener.flagged(event.source());
            event = withFlags(event, flags);
        }
        List<QualityRule> uniqueRules = intake.uniqueRules();
        List<EventRef> uniqueRefs = uniqueRules.isEmpty() ? List.of() : new ArrayList<>(uniqueRules.size());
        for (QualityRule rule : uniqueRules) {
            Object value = QualityEvaluator.valueOf(event, rule.field());
            uniqueRefs.add(value == null ? null
                    : new EventRef("unique:" + event.source() + ":" + rule.field(), String.valueOf(value)));
        }
        // a plain item's strings are plain text, and so are the pseudonyms put in: only quality flags,
        // named by the source's rules, could bring other text
        encoded[index] = EncodedEvent.of(event, item.plain() && flags.isEmpty());
        return new Candidate(index, new EventRef(sourceNames.computeIfAbsent(event.source(), name -> name), event.id()),
                event.occurredAt().getEpochSecond(), event.occurredAt().getNano(), uniqueRefs, uniqueRules);
    }

    private CompletionStage<Void> deduplicateAndPublish(List<Candidate> candidates, EncodedEvent[] encoded,
                                                        ItemResult[] results, Instant now, boolean quarantine, Span span) {
        // sized for the request: a set grown pair by pair rehashes every pair again at each doubling
        Set<EventRef> inRequest = HashSet.newHashSet(candidates.size());
        List<Candidate> firsts = new ArrayList<>(candidates.size());
        boolean uniqueValues = false;
        for (Candidate c : candidates) {
            if (!inRequest.add(c.ref())) {
                results[c.index()] = new ItemResult(c.index(), c.id(), Status.duplicate, List.of());
                listener.duplicate(c.source());
                continue;
            }
            firsts.add(c);
            uniqueValues |= !c.uniqueRefs().isEmpty();
        }
        // the pairs to claim are the request's own, unless some event also claims its unique values
        Set<EventRef> toClaim = inRequest;
        if (uniqueValues) {
            toClaim = HashSet.newHashSet(candidates.size());
            for (Candidate c : firsts) {
                c.addClaimsTo(toClaim);
            }
        }
        return ledger.claim(toClaim).thenCompose(claim -> {
            Set<EventRef> owned = claim.owned();
            List<Candidate> accepted = new ArrayList<>(firsts.size());
            List<RejectedEvent> uniqueRejections = new ArrayList<>();
            Set<EventRef> toRelease = new HashSet<>();
            for (Candidate c : firsts) {
                if (!owned.contains(c.ref())) {
                    results[c.index()] = new ItemResult(c.index(), c.id(), Status.duplicate, List.of());
                    listener.duplicate(c.source());
                    c.addOwnedUniqueTo(toRelease, owned);
                    continue;
                }
                List<FieldError> uniqueErrors = uniqueErrors(c, owned);
                if (!uniqueErrors.isEmpty()) {
                    results[c.index()] = new ItemResult(c.index(), c.id(), Status.rejected, uniqueErrors);
                    uniqueRejections.add(new RejectedEvent(c.source(), encoded[c.index()].decode().project(), c.id(), now,
                            reasons(uniqueErrors), truncate(new String(encoded[c.index()].json(), StandardCharsets.UTF_8))));
                    listener.rejected(c.source());
                    toRelease.add(c.ref());
                    c.addOwnedUniqueTo(toRelease, owned);
                    continue;
                }
                accepted.add(c);
            }
            CompletableFuture<Void> released = ledger.release(claim, toRelease).toCompletableFuture();
            CompletableFuture<Void> uniqueStored = uniqueRejections.isEmpty() || !quarantine ? CompletableFuture.completedFuture(null)
                    : rejections.reject(uniqueRejections).toCompletableFuture();
            // from here on, the claim by its ticket alone: its set of owned pairs (a node per pair) is not kept while the broker answers
            EventLedger.Claim held = EventLedger.Claim.ofTicket(claim.ticket());
            return CompletableFuture.allOf(released, uniqueStored).thenCompose(x -> publish(accepted, encoded, held, results, span));
        });
    }

    private List<FieldError> uniqueErrors(Candidate c, Set<EventRef> owned) {
        List<FieldError> errors = new ArrayList<>(0);
        for (int r = 0; r < c.uniqueRules().size(); r++) {
            EventRef ref = c.uniqueRefs().get(r);
            if (ref == null) {
                continue;
            }
            QualityEvaluator.Failure f = quality.uniqueFailure(c.source(), c.uniqueRules().get(r), owned.contains(ref));
            if (f != null && f.reject()) {
                errors.add(new FieldError(f.field(), "quality rule " + f.rule() + ": " + f.message()));
            }
        }
        return errors;
    }

    private CompletionStage<Void> publish(List<Candidate> accepted, EncodedEvent[] encoded, EventLedger.Claim claim,
                                          ItemResult[] results, Span span) {
        if (accepted.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        long start = System.nanoTime();
        List<EncodedEvent> events = new ArrayList<>(accepted.size());
        for (Candidate c : accepted) {
            events.add(encoded[c.index()]);
        }
        // every event sent before any acknowledgement is awaited
        CompletableFuture<Void> acked = publisher.publishAll(events).toCompletableFuture();
        return acked.handle((ok, failure) -> {
                    if (failure != null) {
                        // nothing is reported accepted: free the claims so the client's retry is not a "duplicate"
                        Set<EventRef> claimed = new HashSet<>();
                        for (Candidate c : accepted) {
                            c.addClaimsTo(claimed);
                        }
                        return ledger.release(claim, claimed).toCompletableFuture()
                                .handle((r, e) -> { throw propagate(failure); });
                    }
                    listener.publishLatency(System.nanoTime() - start);
                    for (Candidate c : accepted) {
                        results[c.index()] = new ItemResult(c.index(), c.id(), Status.accepted, List.of());
                        listener.accepted(c.source(), c.occurredAt());
                        if (span != null) {
                            span.add(c.occurredAt());
                        }
                    }
                    // not awaited (one database round trip less before the answer): a confirmation lost
                    // or late only lets a retry after the lease through again, never loses an event.
                    // Every pair the claim still holds is published: the others were released above.
                    ledger.confirm(claim).toCompletableFuture().exceptionally(e -> null);
                    return CompletableFuture.<Void>completedFuture(null);
                })
                .thenCompose(stage -> stage)
                .thenApply(x -> null);
    }

    /** {@code "[i]."} for the first 10 000 items, made once (benign race: equal immutable strings). */
    private static final String[] PREFIXES = new String[10_000];

    static String itemPrefix(int i) {
        if (i >= PREFIXES.length) {
            return "[" + i + "].";
        }
        String p = PREFIXES[i];
        if (p == null) {
            p = "[" + i + "].";
            PREFIXES[i] = p;
        }
        return p;
    }

    private static RuntimeException propagate(Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return cause instanceof RuntimeException re ? re : new java.util.concurrent.CompletionException(cause);
    }

    private static CanonicalEvent withFlags(CanonicalEvent e, List<String> flags) {
        Map<String, Object> attributes = new LinkedHashMap<>(e.attributes());
        attributes.put(QUALITY_FLAGS, String.join(",", flags));
        return new CanonicalEvent(e.id(), e.source(), e.project(), e.type(), e.occurredAt(), e.receivedAt(), e.entity(),
                e.subject(), e.value(), attributes);
    }

    /** The rejected item as a record for the topic and the quarantine, personal data already out. */
    private RejectedEvent rejection(Item item, String source, List<FieldError> errors, Instant now) {
        String payload;
        if (item.node() == null) {
            payload = scrubber.scrubText(item.parseError());
        } else {
            JsonNode copy = item.node().deepCopy();
            if (copy instanceof ObjectNode o) {
                if (o.path("subject").isTextual()) {
                    o.put("subject", pseudonymizer.pseudonym(o.get("subject").asText()));
                }
                SourceDefinition settings = sources.settingsOf(source);
                if (o.path("attributes").isObject()) {
                    ObjectNode attributes = (ObjectNode) o.get("attributes");
                    for (String personal : settings.personalFields()) {
                        String name = personal.startsWith("attributes.") ? personal.substring(11) : personal;
                        if (attributes.hasNonNull(name)) {
                            attributes.put(name, pseudonymizer.pseudonym(attributes.get(name).asText()));
                        }
                    }
                }
            }
            payload = scrubber.scrubText(copy.toString());
        }
        return new RejectedEvent(source == null ? "(unknown)" : source, safeText(item.node(), "project"),
                safeText(item.node(), "id") == null ? null : scrubber.scrubText(safeText(item.node(), "id")),
                now, reasons(errors, item.errorRule()), truncate(payload));
    }

    static List<RejectedEvent.Reason> reasons(List<FieldError> errors) {
        return reasons(errors, null);
    }

    /** The reasons of {@code errors}, each under {@code rule} when given, else the rule its message names. */
    private static List<RejectedEvent.Reason> reasons(List<FieldError> errors, String rule) {
        return errors.stream().map(e -> new RejectedEvent.Reason(e.field(), rule != null ? rule : ruleOf(e.reason()),
                e.reason())).toList();
    }

    private static String ruleOf(String reason) {
        if (reason.startsWith("quality rule ")) {
            int colon = reason.indexOf(':');
            return reason.substring("quality rule ".length(), colon < 0 ? reason.length() : colon);
        }
        if (reason.startsWith("is required")) {
            return "required";
        }
        if (reason.startsWith("looks like")) {
            return "personal_data";
        }
        return "invalid";
    }

    private static String truncate(String s) {
        return s == null || s.length() <= MAX_PAYLOAD_CHARS ? s : s.substring(0, MAX_PAYLOAD_CHARS) + "…";
    }

    /** A text field of the item when it is storable, for naming things in reports and the quarantine. */
    static String safeText(JsonNode node, String field) {
        if (node == null || !node.isObject() || !node.path(field).isTextual()) {
            return null;
        }
        String s = node.get(field).asText();
        return s.isBlank() || s.length() > 512 || StoredText.problem(s, false) != null ? null : s;
    }
}
