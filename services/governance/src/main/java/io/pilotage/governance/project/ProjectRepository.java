package io.pilotage.governance.project;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

@ApplicationScoped
public class ProjectRepository implements PanacheRepositoryBase<Project, String> {

    @WithSession
    public Uni<List<Project>> allByKey() {
        return listAll(io.quarkus.panache.common.Sort.by("key"));
    }
}
