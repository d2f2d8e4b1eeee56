package io.pilotage.governance.review;

import io.pilotage.contracts.definition.Definition;
import io.pilotage.governance.definition.DefinitionStore;
import io.pilotage.governance.rest.ApiException;
import io.pilotage.governance.security.Caller;
import io.pilotage.governance.security.GovernancePolicy;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Creates reviews: checks the committee and projects, reads every project's scorecard from the
 * KPI engine first, and stores the review with the complete snapshot in one transaction. If any
 * scorecard cannot be read, nothing is stored: never a half snapshot.
 */
@ApplicationScoped
public class ReviewService {

    private final Pool pool;
    private final ReviewStore store;
    private final DefinitionStore definitions;
    private final ScorecardClient scorecards;
    private final Clock clock = Clock.systemUTC();

    public ReviewService(Pool pool, ReviewStore store, DefinitionStore definitions, ScorecardClient scorecards) {
        this.pool = pool;
        this.store = store;
        this.definitions = definitions;
        this.scorecards = scorecards;
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    public Uni<Review> create(Caller caller, ReviewRequests.NewReview r, String bearerToken) {
        GovernancePolicy.requireCommittee(caller);
        var errors = ReviewRequests.check(r);
        if (!errors.isEmpty()) {
            return Uni.createFrom().failure(ApiException.invalid(errors));
        }
        List<String> projects = r.projects();
        Uni<Void> checks = pool.withConnection(c -> store.committee(c, r.committee()).replaceWithVoid()
                .onFailure(ApiException.class).transform(e -> ApiException.invalid("committee", "no committee '" + r.committee() + "'"))
                .call(() -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (int i = 0; i < projects.size(); i++) {
                        String p = projects.get(i);
                        String field = "projects[" + i + "]";
                        chain = chain.call(() -> definitions.find(c, Definition.Kind.PROJECT, p).invoke(found -> {
                            if (found == null) {
                                throw ApiException.invalid(field, "no project '" + p + "'");
                            }
                        }));
                    }
                    return chain;
                }));
        return checks
                .flatMap(v -> Uni.join().all(projects.stream()
                                .map(p -> scorecards.scorecard(p, r.period(), bearerToken)
                                        .map(kpis -> new Review.ProjectScorecard(p, kpis)))
                                .toList())
                        .andFailFast())
                .flatMap(snapshot -> {
                    Review review = new Review(UUID.randomUUID(), r.committee(), r.kind(), r.period(), r.heldOn(), projects,
                            r.attendees(), snapshot, Instant.now(clock), caller.username(), List.of(), List.of());
                    return pool.withTransaction(c -> store.insert(c, review));
                });
    }

    public Uni<Review.Decision> decide(Caller caller, UUID review, ReviewRequests.NewDecision d) {
        GovernancePolicy.requireCommittee(caller);
        var errors = ReviewRequests.check(d);
        if (!errors.isEmpty()) {
            return Uni.createFrom().failure(ApiException.invalid(errors));
        }
        return pool.withTransaction(c -> store.review(c, review).flatMap(x -> store.insert(c, new Review.Decision(UUID.randomUUID(),
                review, d.text().strip(), d.kpis() == null ? List.of() : d.kpis(), null, caller.username()))));
    }

    public Uni<Review.Action> addAction(Caller caller, UUID review, ReviewRequests.ActionRequest a) {
        GovernancePolicy.requireCommittee(caller);
        var errors = ReviewRequests.check(a, true);
        if (!errors.isEmpty()) {
            return Uni.createFrom().failure(ApiException.invalid(errors));
        }
        return pool.withTransaction(c -> store.review(c, review).flatMap(x -> store.insert(c, review, a, caller.username(), today())));
    }

    public Uni<Review.Action> updateAction(Caller caller, UUID id, ReviewRequests.ActionRequest a) {
        GovernancePolicy.requireCommittee(caller);
        var errors = ReviewRequests.check(a, false);
        if (!errors.isEmpty()) {
            return Uni.createFrom().failure(ApiException.invalid(errors));
        }
        return pool.withTransaction(c -> store.action(c, id, today()).flatMap(before -> store.update(c, before, a, caller.username(), today())));
    }
}
