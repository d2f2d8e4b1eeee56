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
    void aConfirmedSalesOrderIsATransactionOfItsProcessingCostAndACompletedProcess() {
        var n = OdooWebhookAdapter.parse(Fixtures.json("odoo-sale-order-confirmed.json"), odoo);

        var derived = OdooWebhookAdapter.derive(odoo, n, "sent", true, NOW);

        assertThat(derived.events()).extracting(e -> e.get("type").asText())
                .containsExactly("transaction.processed", "process.completed");
        assertThat(derived.events()).extracting(e -> e.get("id").asText()).containsExactly(
                "odoo-prod:sale.order:1207:sale:2026-11-02T10:41:09Z",
                "odoo-prod:sale.order:1207:sale:2026-11-02T10:41:09Z:process.completed");
        assertThat(derived.events()).allSatisfy(e -> {
            assertThat(e.get("entity").asText()).isEqualTo("sale.order/1207");
            assertThat(e.get("occurredAt").asText()).isEqualTo("2026-11-02T10:41:09Z");
            assertThat(e.get("value").asDouble()).as("x_processing_cost").isEqualTo(1350.0);
            assertThat(e.get("attributes").get("amount").asDouble()).isEqualTo(2360000.0);
            assertThat(e.get("attributes").get("currency").asInt()).isEqualTo(43);
            // no x_automated sent: not said to be automated
            assertThat(e.get("attributes").has("automated")).isFalse();
        });
        // first seen already confirmed (a quotation made before the webhook): confirmed all the same, nothing "created"
        assertThat(OdooWebhookAdapter.derive(odoo, n, null, false, NOW).events()).extracting(e -> e.get("type").asText())
                .containsExactly("transaction.processed", "process.completed");
        // the same state again: nothing
        assertThat(OdooWebhookAdapter.derive(odoo, n, "sale", true, NOW).events()).isEmpty();
        var cancelled = ((ObjectNode) Fixtures.json("odoo-sale-order-confirmed.json")).put("state", "cancel");
        assertThat(OdooWebhookAdapter.derive(odoo, OdooWebhookAdapter.parse(cancelled, odoo), "sale", true, NOW).events())
                .extracting(e -> e.get("type").asText()).containsExactly("transaction.cancelled");
        var quotation = ((ObjectNode) Fixtures.json("odoo-sale-order-confirmed.json")).put("state", "draft");
        assertThat(OdooWebhookAdapter.derive(odoo, OdooWebhookAdapter.parse(quotation, odoo), null, false, NOW).events()).isEmpty();
    }

    @Test
    void aConfirmedPurchaseOrderIsATransactionAndACompletedProcessItsCancellationACancelledTransaction() {
        var n = OdooWebhookAdapter.parse(Fixtures.json("odoo-purchase-order-confirmed.json"), odoo);

        assertThat(OdooWebhookAdapter.derive(odoo, n, "to approve", true, NOW).events())
                .extracting(e -> e.get("type").asText() + " " + e.get("value").asDouble() + " " + e.get("entity").asText())
                .containsExactly("transaction.processed 1900.0 purchase.order/311", "process.completed 1900.0 purchase.order/311");
        var cancelled = ((ObjectNode) Fixtures.json("odoo-purchase-order-confirmed.json")).put("state", "cancel");
        assertThat(OdooWebhookAdapter.derive(odoo, OdooWebhookAdapter.parse(cancelled, odoo), "purchase", true, NOW).events())
                .extracting(e -> e.get("type").asText()).containsExactly("transaction.cancelled");
    }

    @Test
    void anInvoiceIsPaidOnceFromItsPaymentStateInPaymentThenPaid() {
        var body = (ObjectNode) Fixtures.json("odoo-account-move-paid.json");
        body.put("payment_state", "in_payment");
        var inPayment = OdooWebhookAdapter.parse(body, odoo);

        var derived = OdooWebhookAdapter.derive(odoo, inPayment, "posted", java.util.Map.of("payment_state", "not_paid"), true, NOW);

        assertThat(derived.events()).singleElement().satisfies(e -> {
            assertThat(e.get("type").asText()).isEqualTo("document.paid");
            assertThat(e.get("id").asText()).isEqualTo("odoo-prod:account.move:4711:payment_state=in_payment:2026-11-05T16:20:31Z");
            assertThat(e.get("value").asDouble()).isEqualTo(125000.0);
        });
        assertThat(derived.tracked()).containsExactly(java.util.Map.entry("payment_state", "in_payment"));
        // in_payment → paid (the bank statement reconciled): still the one payment
        var paid = OdooWebhookAdapter.parse(Fixtures.json("odoo-account-move-paid.json"), odoo);
        var then = OdooWebhookAdapter.derive(odoo, paid, "posted", derived.tracked(), true, NOW);
        assertThat(then.events()).isEmpty();
        assertThat(then.tracked()).containsEntry("payment_state", "paid");
        // first seen posted and paid: created, validated and paid
        assertThat(OdooWebhookAdapter.derive(odoo, paid, null, java.util.Map.of(), false, NOW).events())
                .extracting(e -> e.get("type").asText())
                .containsExactly("document.created", "document.validated", "document.paid");
        // a notification without payment_state keeps the value known before
        var withoutPaymentState = (ObjectNode) Fixtures.json("odoo-account-move-paid.json");
        withoutPaymentState.remove("payment_state");
        var kept = OdooWebhookAdapter.derive(odoo, OdooWebhookAdapter.parse(withoutPaymentState, odoo), "posted",
                then.tracked(), true, NOW);
        assertThat(kept.events()).isEmpty();
        assertThat(kept.tracked()).containsEntry("payment_state", "paid");
        // a payment state that is not a selection value is named
        body.put("payment_state", 3);
        assertThatThrownBy(() -> OdooWebhookAdapter.parse(body, odoo))
                .isInstanceOfSatisfying(OdooWebhookAdapter.InvalidNotification.class, e -> assertThat(e.field()).isEqualTo("payment_state"));
    }

    @Test
    void aPostedPaymentIsATransaction() {
        var n = OdooWebhookAdapter.parse(Fixtures.json("odoo-account-payment-posted.json"), odoo);

        assertThat(OdooWebhookAdapter.derive(odoo, n, "draft", true, NOW).events()).singleElement().satisfies(e -> {
            assertThat(e.get("type").asText()).isEqualTo("transaction.processed");
            assertThat(e.get("id").asText()).isEqualTo("odoo-prod:account.payment:902:posted:2026-11-05T16:20:30Z");
            assertThat(e.get("value").asDouble()).as("x_processing_cost").isEqualTo(420.0);
            assertThat(e.get("attributes").get("amount").asDouble()).isEqualTo(125000.0);
        });
    }

    @Test
    void anExpenseIsCreatedValidatedWhenApprovedAndItsProcessCompletedWhenDone() {
        var approved = OdooWebhookAdapter.parse(Fixtures.json("odoo-hr-expense-approved.json"), odoo);

        var first = OdooWebhookAdapter.derive(odoo, approved, null, false, NOW);

        assertThat(first.events()).extracting(e -> e.get("type").asText()).containsExactly("document.created", "document.validated");
        assertThat(first.events().getFirst().get("occurredAt").asText()).isEqualTo("2026-11-04T07:30:00Z");
        assertThat(first.events().get(1).get("value").asDouble()).isEqualTo(48500.0);
        var done = ((ObjectNode) Fixtures.json("odoo-hr-expense-approved.json")).put("state", "done")
                .put("write_date", "2026-11-06 09:00:00");
        assertThat(OdooWebhookAdapter.derive(odoo, OdooWebhookAdapter.parse(done, odoo), "approved", true, NOW).events())
                .singleElement().satisfies(e -> {
                    assertThat(e.get("type").asText()).isEqualTo("process.completed");
                    assertThat(e.get("attributes").get("automated").asBoolean(true)).isFalse();
                    assertThat(e.get("entity").asText()).isEqualTo("hr.expense/77");
                });
    }

    @Test
    void anUnconfiguredModelOrAMissingIdIsNamed() {
        var other = ((ObjectNode) Fixtures.json("odoo-account-move-posted.json")).put("_model", "stock.picking");
        assertThatThrownBy(() -> OdooWebhookAdapter.parse(other, odoo))
                .isInstanceOfSatisfying(OdooWebhookAdapter.InvalidNotification.class, e -> {
                    assertThat(e.field()).isEqualTo("_model");
                    assertThat(e.rule()).isEqualTo("unmapped_model");
                    assertThat(e.unmappedModel()).isTrue();
                })
                .hasMessageContaining("stock.picking");
        var noId = (ObjectNode) Fixtures.json("odoo-account-move-posted.json");
        noId.remove("_id");
        noId.remove("id");
        assertThatThrownBy(() -> OdooWebhookAdapter.parse(noId, odoo))
                .isInstanceOfSatisfying(OdooWebhookAdapter.InvalidNotification.class, e -> {
                    assertThat(e.field()).isEqualTo("_id");
                    assertThat(e.unmappedModel()).isFalse();
                });
        var badDate = ((ObjectNode) Fixtures.json("odoo-account-move-posted.json")).put("write_date", "02/11/2026");
        assertThatThrownBy(() -> OdooWebhookAdapter.parse(badDate, odoo))
                .isInstanceOfSatisfying(OdooWebhookAdapter.InvalidNotification.class, e -> assertThat(e.field()).isEqualTo("write_date"));
    }
}
