package io.pilotage.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.pilotage.gateway.routing.Resource;

/**
 * The whole role matrix: every resource × every combination of roles × every method. The
 * expected matrix is written down here independently of {@link AccessPolicy}, and checked
 * against the table in docs/roles.md too, so that the three cannot drift apart.
 */
class AccessPolicyTest {

    private static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    private static final List<Role> COLUMNS = List.of(Role.ADMIN, Role.COMMITTEE, Role.PROJECT_OWNER, Role.ANALYST, Role.INGEST);

    /** R = may read (GET, HEAD), W = may write (any other method), RW = both, - = neither. */
    private static final String MATRIX = """
            resource        admin committee project-owner analyst ingest
            EVENTS          RW    R         R             R       W
            EVENTS_CSV      RW    R         R             RW      W
            QUARANTINE      RW    R         RW            R       -
            INGESTION_STATS RW    R         R             R       -
            BACKFILL        RW    -         -             -       -
            KPIS            RW    R         R             R       -
            KPI_RECOMPUTE   RW    R         R             R       -
            SCORECARDS      RW    R         R             R       -
            PORTFOLIO       RW    R         R             R       -
            KPI_JOBS        RW    R         R             R       -
            DEAD_LETTERS    RW    R         R             R       -
            ALERTS          RW    R         RW            R       -
            SILENCES        RW    R         RW            R       -
            SUBSCRIPTIONS   RW    R         RW            R       -
            PROJECTS        RW    R         R             R       -
            SOURCES         RW    R         RW            R       -
            COMMITTEES      RW    RW        R             R       -
            REVIEWS         RW    RW        R             R       -
            ACTIONS         RW    RW        R             R       -
            QUALITY_RULES   RW    R         RW            R       -
            LESSONS         RW    RW        R             R       -
            AUDIT           RW    R         R             R       -
            DEFINITIONS     RW    R         RW            R       -
            """;

    private static final Set<Resource> OPEN = EnumSet.of(Resource.HEALTH, Resource.OPENAPI, Resource.CONSOLE, Resource.SOURCE_ADAPTER);

    private final AccessPolicy policy = new AccessPolicy();

    @Test
    void theMatrixCoversEveryBearerResource() {
        Set<Resource> covered = expected().keySet();
        Set<Resource> bearer = EnumSet.complementOf(EnumSet.copyOf(OPEN));
        assertThat(covered).isEqualTo(bearer);
        for (Resource resource : bearer) {
            assertThat(AccessPolicy.requiresToken(resource)).as(resource.name()).isTrue();
        }
    }

    @Test
    void everyCombinationOfRolesOnEveryResourceAndMethod() {
        Map<Resource, Map<Role, String>> expected = expected();
        int checked = 0;
        for (Set<Role> roles : allRoleCombinations()) {
            for (Map.Entry<Resource, Map<Role, String>> row : expected.entrySet()) {
                for (String method : METHODS) {
                    boolean read = method.equals("GET") || method.equals("HEAD");
                    boolean allowed = roles.stream().anyMatch(role -> row.getValue().get(role).contains(read ? "R" : "W"));
                    Decision decision = policy.decide(row.getKey(), method, Caller.withRoles(roles));
                    assertThat(decision)
                            .as("%s %s with roles %s", method, row.getKey(), roles)
                            .isEqualTo(allowed ? Decision.ALLOW : Decision.FORBIDDEN);
                    assertThat(policy.rolesAllowed(row.getKey(), method).stream().anyMatch(roles::contains))
                            .as("rolesAllowed(%s, %s) vs %s", row.getKey(), method, roles)
                            .isEqualTo(allowed);
                    checked++;
                }
            }
        }
        assertThat(checked).isEqualTo(32 * expected.size() * METHODS.size());
    }

    @ParameterizedTest
    @EnumSource(Resource.class)
    void anonymousCallersAreUnauthenticatedExceptOnOpenResources(Resource resource) {
        for (String method : METHODS) {
            Decision decision = policy.decide(resource, method, Caller.anonymous());
            assertThat(decision).as("%s %s", method, resource)
                    .isEqualTo(OPEN.contains(resource) ? Decision.ALLOW : Decision.UNAUTHENTICATED);
        }
    }

    @ParameterizedTest
    @EnumSource(Resource.class)
    void aValidTokenWithoutAPilotageRoleIsForbiddenOnEveryBearerResource(Resource resource) {
        Caller noRole = Caller.withRoles(Role.fromClaims(List.of("offline_access", "uma_authorization", "default-roles-pilotage")));
        assertThat(noRole.roles()).isEmpty();
        for (String method : METHODS) {
            assertThat(policy.decide(resource, method, noRole)).as("%s %s", method, resource)
                    .isEqualTo(OPEN.contains(resource) ? Decision.ALLOW : Decision.FORBIDDEN);
        }
    }

    @Test
    void recomputeIsAdminOnly() {
        for (Role role : Role.values()) {
            assertThat(policy.decide(Resource.KPI_RECOMPUTE, "POST", Caller.withRoles(role)))
                    .as(role.name())
                    .isEqualTo(role == Role.ADMIN ? Decision.ALLOW : Decision.FORBIDDEN);
        }
    }

    @Test
    void historyImportsAndTheirAuditAreAdminOnly() {
        for (Role role : Role.values()) {
            for (String method : List.of("GET", "POST")) {
                assertThat(policy.decide(Resource.BACKFILL, method, Caller.withRoles(role)))
                        .as("%s %s", method, role.name())
                        .isEqualTo(role == Role.ADMIN ? Decision.ALLOW : Decision.FORBIDDEN);
            }
        }
    }

    @Test
    void ingestOnlyPostsEvents() {
        Caller ingest = Caller.withRoles(Role.INGEST);
        for (Resource resource : expected().keySet()) {
            for (String method : METHODS) {
                boolean events = resource == Resource.EVENTS || resource == Resource.EVENTS_CSV;
                boolean read = AccessPolicy.isRead(method);
                assertThat(policy.decide(resource, method, ingest)).as("%s %s", method, resource)
                        .isEqualTo(events && !read ? Decision.ALLOW : Decision.FORBIDDEN);
            }
        }
    }

    @Test
    void methodsAreCaseInsensitive() {
        assertThat(policy.decide(Resource.KPIS, "get", Caller.withRoles(Role.ANALYST))).isEqualTo(Decision.ALLOW);
        assertThat(policy.decide(Resource.KPIS, "head", Caller.withRoles(Role.ANALYST))).isEqualTo(Decision.ALLOW);
        assertThat(policy.decide(Resource.KPIS, "post", Caller.withRoles(Role.ANALYST))).isEqualTo(Decision.FORBIDDEN);
    }

    @Test
    void rolesAreReadFromTheirClaimNames() {
        assertThat(Role.fromClaims(List.of("admin", "project-owner", "ingest", "committee", "analyst", "Admin", "owner")))
                .containsExactlyInAnyOrder(Role.values());
    }

    @Test
    void theDocumentedMatrixIsThePolicy() throws IOException {
        Map<Resource, Map<Role, String>> documented = new EnumMap<>(Resource.class);
        for (String line : Files.readAllLines(Path.of("..", "docs", "roles.md"))) {
            String[] cells = line.split("\\|");
            if (cells.length < 8) {
                continue;
            }
            String resourceCell = cells[2].trim().replace("`", "");
            Resource resource;
            try {
                resource = Resource.valueOf(resourceCell);
            } catch (IllegalArgumentException notAMatrixRow) {
                continue;
            }
            Map<Role, String> row = new EnumMap<>(Role.class);
            for (int i = 0; i < COLUMNS.size(); i++) {
                String cell = cells[3 + i].trim();
                row.put(COLUMNS.get(i), (cell.contains("read") ? "R" : "") + (cell.contains("write") ? "W" : ""));
            }
            documented.put(resource, row);
        }
        Map<Resource, Map<Role, String>> expected = expected();
        expected.values().forEach(row -> row.replaceAll((role, code) -> code.replace("-", "")));
        assertThat(documented).isEqualTo(expected);
    }

    private static Map<Resource, Map<Role, String>> expected() {
        Map<Resource, Map<Role, String>> matrix = new EnumMap<>(Resource.class);
        List<String> lines = MATRIX.lines().skip(1).toList();
        for (String line : lines) {
            String[] cells = line.trim().split("\\s+");
            Map<Role, String> row = new EnumMap<>(Role.class);
            for (int i = 0; i < COLUMNS.size(); i++) {
                row.put(COLUMNS.get(i), cells[1 + i]);
            }
            matrix.put(Resource.valueOf(cells[0]), row);
        }
        return matrix;
    }

    private static List<Set<Role>> allRoleCombinations() {
        Role[] roles = Role.values();
        List<Set<Role>> combinations = new ArrayList<>();
        for (int mask = 0; mask < 1 << roles.length; mask++) {
            Set<Role> combination = EnumSet.noneOf(Role.class);
            for (int i = 0; i < roles.length; i++) {
                if ((mask & (1 << i)) != 0) {
                    combination.add(roles[i]);
                }
            }
            combinations.add(combination);
        }
        return combinations;
    }
}
