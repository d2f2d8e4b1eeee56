package io.pilotage.e2e;

import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code ./pilotage demo}, briefly (forty days of history, forty seconds of live traffic), against
 * the running stack: afterwards every catalogue KPI has a value, some are AMBER or RED, and the
 * demo owners' subscriptions have brought alerts to the Slack stand-in and to GreenMail.
 */
@ExtendWith(PilotageStack.class)
class DemoIT {

    private static final Pattern KEY = Pattern.compile("^\\s*- key: (\\S+)", Pattern.MULTILINE);

    private static RequestSpecification gateway(String token) {
        return given().baseUri(PilotageStack.gatewayUrl()).auth().oauth2(token);
    }

    /** The catalogue's KPI keys, read from the contract the platform seeds them from. */
    private static List<String> catalogueKeys() throws IOException {
        Path dir = PilotageStack.root().resolve("services/contracts/src/main/resources/io/pilotage/contracts/catalogue");
        TreeSet<String> keys = new TreeSet<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> !p.getFileName().toString().equals("projects.yaml")).toList()) {
                Matcher m = KEY.matcher(Files.readString(f));
                while (m.find()) {
                    keys.add(m.group(1));
                }
            }
        }
        return List.copyOf(keys);
    }

    @Test
    void theDemoFillsEveryCatalogueKpiAndBringsItsAlertsToSlackAndEmail() throws Exception {
        Path log = Path.of("target", "demo.log").toAbsolutePath();
        Files.createDirectories(log.getParent());
        int exit = PilotageStack.launch(Duration.ofMinutes(12), log, Map.of("PILOTAGE_NO_REBUILD", "1"),
                "demo", "--duration", "40s", "--history-days", "40", "--scale", "0.4", "--speed", "2", "--summary-wait", "90");
        assertThat(exit).as("./pilotage demo exit code; its output:\n" + tail(log)).isZero();

        List<String> keys = catalogueKeys();
        assertThat(keys).hasSize(17);
        String committee = Tokens.user("committee");
        JsonPath kpis = gateway(committee).get("/kpis").then().statusCode(200).extract().jsonPath();
        Map<String, String> latestStatus = new HashMap<>();
        List<String> withoutValue = new ArrayList<>();
        LocalDate today = LocalDate.now();
        for (String key : keys) {
            String frequency = kpis.getString("find { it.key == '" + key + "' }.frequency");
            assertThat(frequency).as(key + " is served").isNotNull();
            String granularity = frequency.equals("monthly") ? "month" : frequency.equals("weekly") ? "week"
                    : frequency.equals("quarterly") ? "quarter" : "day";
            LocalDate from = switch (granularity) {
                case "month" -> today.minusMonths(1);
                case "week" -> today.minusWeeks(1);
                case "quarter" -> today.minusMonths(3);
                default -> today.minusDays(1);
            };
            List<Map<String, Object>> values = gateway(committee).queryParam("granularity", granularity)
                    .queryParam("from", from.toString()).queryParam("to", today.toString())
                    .get("/kpis/{key}/values", key).then().statusCode(200).extract().jsonPath().getList("$");
            // the current period, else the previous one (a count early in the period may have nothing yet)
            values.stream().map(v -> String.valueOf(v.get("status"))).filter(s -> !s.equals("NO_DATA"))
                    .reduce((a, b) -> b).ifPresentOrElse(s -> latestStatus.put(key, s), () -> withoutValue.add(key));
        }
        assertThat(withoutValue).as("catalogue KPIs without a value in their current or previous period").isEmpty();
        assertThat(latestStatus.values()).as("statuses " + latestStatus).contains("RED").contains("AMBER");

        String slack = PilotageStack.variable("PILOTAGE_SLACK_URL");
        String mail = PilotageStack.variable("PILOTAGE_MAIL_API_URL");
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            List<String> urls = given().baseUri(slack).get("/__admin/requests").then().statusCode(200)
                    .extract().jsonPath().getList("requests.request.url");
            assertThat(urls).as("Slack stand-in requests").anyMatch(u -> u.startsWith("/services/demo/"));
            int mails = 0;
            for (String address : List.of("owner@pilotage.local", "owner-mobile@pilotage.local")) {
                mails += given().baseUri(mail).get("/api/user/{address}/messages/INBOX", address).then().statusCode(200)
                        .extract().jsonPath().getList("$").size();
            }
            assertThat(mails).as("e-mails to the demo owners").isPositive();
        });
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
