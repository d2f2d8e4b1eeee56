package io.pilotage.governance.project;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** {@code GET /projects}: the portfolio, readable by every human role. */
@Path("/projects")
@Tag(name = "projects")
@RolesAllowed({"admin", "committee", "project-owner", "analyst"})
public class ProjectsResource {

    private final ProjectRepository projects;

    public ProjectsResource(ProjectRepository projects) {
        this.projects = projects;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Every project, by key")
    public Uni<List<Project>> list() {
        return projects.allByKey();
    }
}
