package io.pilotage.kpi.deadletter;

import io.micrometer.core.instrument.MeterRegistry;
import io.pilotage.contracts.DeadLetter;
import io.pilotage.contracts.JsonCodec;
import io.pilotage.contracts.Topics;
import io.pilotage.kpi.kafka.Producer;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Records no consumer of the engine can ever apply: published on {@link Topics#KPI_ENGINE_DLQ},
 * kept in {@code dead_letter} for {@code GET /dead-letters}, and counted
 * ({@code pilotage_kpi_dead_letters_total{reason}}). {@link #record} returns only once both are
 * durable, so the caller may then acknowledge the record and move on.
 */
@ApplicationScoped
public class DeadLetters {

    private final Producer producer;
    private final DataSource db;
    private final MeterRegistry metrics;
    private final Clock clock = Clock.systemUTC();

    public DeadLetters(Producer producer, DataSource db, MeterRegistry metrics) {
        this.producer = producer;
        this.db = db;
        this.metrics = metrics;
    }

    /** Text of a record value for the dead letter: UTF-8, NUL characters shown as \u0000. */
    public static String printable(byte[] value) {
        return value == null ? null : new String(value, StandardCharsets.UTF_8).replace("\u0000", "\\u0000");
    }

    /**
     * @param category a short reason class for the metric ({@code undecodable}, {@code invalid}, {@code unstorable}, ...)
     * @throws InterruptedException when interrupted while waiting for Kafka or PostgreSQL; retried by the caller
     */
    public DeadLetter record(String topic, int partition, long offset, String key, String category, String reason, byte[] value)
            throws InterruptedException, ExecutionException, TimeoutException, SQLException {
        DeadLetter letter = new DeadLetter("kpi-engine", topic, partition, offset, key == null ? null : key.replace("\u0000", "\\u0000"),
                category + ": " + reason, printable(value), clock.instant());
        producer.send(Topics.KPI_ENGINE_DLQ, letter.key(), JsonCodec.encode(letter)).get(30, TimeUnit.SECONDS);
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                insert into dead_letter (topic, partition, "offset", record_key, reason, payload, at) values (?, ?, ?, ?, ?, ?, ?)
                on conflict (topic, partition, "offset") do nothing""")) {
            ps.setString(1, topic);
            ps.setInt(2, partition);
            ps.setLong(3, offset);
            ps.setString(4, letter.key());
            ps.setString(5, letter.reason());
            ps.setString(6, letter.payload());
            ps.setTimestamp(7, Timestamp.from(letter.at()));
            ps.executeUpdate();
        }
        metrics.counter("pilotage_kpi_dead_letters", "reason", category).increment();
        Log.warnf("dead-lettered %s-%d@%d: %s", topic, partition, offset, letter.reason());
        return letter;
    }

    /** The latest dead letters, newest first, optionally of one topic. */
    public List<DeadLetter> latest(String topic, int limit) throws SQLException {
        List<DeadLetter> out = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                select topic, partition, "offset", record_key, reason, payload, at from dead_letter
                where (?::text is null or topic = ?) order by id desc limit ?""")) {
            ps.setString(1, topic);
            ps.setString(2, topic);
            ps.setInt(3, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new DeadLetter("kpi-engine", rs.getString(1), rs.getInt(2), rs.getLong(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant()));
                }
            }
        }
        return out;
    }
}
