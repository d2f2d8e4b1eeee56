package io.pilotage.ingestion.adapter;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pilotage.contracts.definition.SourceDefinition;
import io.pilotage.ingestion.adapter.odoo.OdooWebhookAdapter;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OdooWebhookAdapterTest {

    private static final Instant NOW = Instant.parse("2026-11-02T09:14:04Z");
    private final SourceDefinition odoo = Fixtures.source("odoo-prod");

    @Test
    void aPostedInvoiceSeenForTheFirstTimeIsCreatedThenValidatedWithDeterministicIds() {
        var n = OdooWebhookAdapter.parse(Fixtures.json("odoo-account-move-posted.json"), odoo);

        var derived = OdooWebhookAdapter.derive(odoo, n, null, false, NOW);

        assertThat(derived.events()).extracting(e -> e.get("type").asText())
                .containsExactly("document.created", "document.validated");
        ObjectNode validated = derived.events().get(1);
        assertThat(validated.get("id").asText()).isEqualTo("odoo-prod:account.move:4711:posted:2026-11-02T09:14:03Z");
        assertThat(validated.get("occurredAt").asText()).isEqualTo("2026-11-02T09:14:03Z");
        assertThat(derived.events().getFirst().get("occurredAt").asText()).isEqualTo("2026-11-02T08:02:11Z");
        assertThat(validated.get("entity").asText()).isEqualTo("account.move/4711");
        assertThat(validated.get("value").asDouble()).isEqualTo(125000.0);
        assertThat(validated.get("attributes").get("currency").asInt()).isEqualTo(43);
        assertThat(validated.get("attributes").get("move_type").asText()).isEqualTo("out_invoice");
        // Odoo's "empty" false is left out
        assertThat(validated.get("attributes").has("partner_email")).isFalse();
        assertThat(derived.state()).isEqualTo("posted");
    }

    @Test
    void theSameStateAgainYieldsNothingAndADraftFirstSeenIsOnlyCreated() {
        var posted = OdooWebhookAdapter.parse(Fixtures.json("odoo-account-move-posted.json"), odoo);
        assertThat(OdooWebhookAdapter.derive(odoo, posted, "posted", true, NOW).events()).isEmpty();
        assertThat(OdooWebhookAdapter.derive(odoo, posted, "draft", true, NOW).events())
                .extracting(e -> e.get("type").asText()).containsExactly("document.validated");

        var draft = ((ObjectNode) Fixtures.json("odoo-account-move-posted.json")).put("state", "draft");
        assertThat(OdooWebhookAdapter.derive(odoo, OdooWebhookAdapter.parse(draft, odoo), null, false, NOW).events())
                .extracting(e -> e.get("type").asText()).containsExactly("document.created");
    }

    @Test
    void aProductionRunDoneIsAProcessCompletedWithItsAutomatedFlagEvenWhenFalse() {
        var body = Fixtures.json("odoo-account-move-posted.json").deepCopy();
        ((ObjectNode) body).put("_model", "mrp.production").put("state", "done").put("x_automated", false);

        var derived = OdooWebhookAdapter.derive(odoo, OdooWebhookAdapter.parse(body, odoo), "progress", true, NOW);

        assertThat(derived.events()).singleElement().satisfies(e -> {
            assertThat(e.get("type").asText()).isEqualTo("process.completed");
            assertThat(e.get("attributes").get("automated").asBoolean(true)).isFalse();
        });
    }

    @Test
    void anUnconfiguredModelOrAMissingIdIsNamed() {
        var other = ((ObjectNode) Fixtures.json("odoo-account-move-posted.json")).put("_model", "sale.order");
        assertThatThrownBy(() -> OdooWebhookAdapter.parse(other, odoo))
                .isInstanceOfSatisfying(OdooWebhookAdapter.InvalidNotification.class, e -> assertThat(e.field()).isEqualTo("_model"))
                .hasMessageContaining("sale.order");
        var noId = (ObjectNode) Fixtures.json("odoo-account-move-posted.json");
        noId.remove("_id");
        noId.remove("id");
        assertThatThrownBy(() -> OdooWebhookAdapter.parse(noId, odoo))
                .isInstanceOfSatisfying(OdooWebhookAdapter.InvalidNotification.class, e -> assertThat(e.field()).isEqualTo("_id"));
        var badDate = ((ObjectNode) Fixtures.json("odoo-account-move-posted.json")).put("write_date", "02/11/2026");
        assertThatThrownBy(() -> OdooWebhookAdapter.parse(badDate, odoo))
                .isInstanceOfSatisfying(OdooWebhookAdapter.InvalidNotification.class, e -> assertThat(e.field()).isEqualTo("write_date"));
    }
}
