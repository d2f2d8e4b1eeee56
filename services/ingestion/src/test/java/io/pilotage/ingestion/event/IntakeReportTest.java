package io.pilotage.ingestion.event;

import io.pilotage.contracts.JsonCodec;
import io.pilotage.contracts.Problem.FieldError;
import io.pilotage.ingestion.event.IntakeReport.ItemResult;
import io.pilotage.ingestion.event.IntakeReport.Status;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class IntakeReportTest {

    @Test
    void theReportIsWrittenExactlyAsTheDataBindingSerializerWritesIt() {
        Random random = new Random(13);
        String[] ids = {"evt-1", "odoo-prod:account.move:4711", "", null, "quote\"d", "é", "tab\tid", "x".repeat(300)};
        for (int n = 0; n < 2_000; n++) {
            List<ItemResult> items = new ArrayList<>();
            for (int i = random.nextInt(20); i >= 0; i--) {
                Status status = Status.values()[random.nextInt(n % 3 == 0 ? 3 : 2)];
                int index = items.size() + (n % 5 == 0 ? 9_990 : n % 7 == 0 ? 1_000_000_000 : 0);
                items.add(new ItemResult(index, ids[random.nextInt(ids.length)], status,
                        status == Status.rejected ? List.of(new FieldError("[0].id", "is required")) : List.of()));
            }
            IntakeReport report = IntakeReport.of(items);

            assertThat(new String(report.json(), StandardCharsets.UTF_8))
                    .isEqualTo(new String(JsonCodec.encode(report), StandardCharsets.UTF_8));
        }
    }
}
