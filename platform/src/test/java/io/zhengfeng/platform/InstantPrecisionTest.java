package io.zhengfeng.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

import javax.sql.DataSource;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.zhengfeng.testing.RealInfrastructureResource;

/** Instants keep their microseconds and mean UTC on MariaDB as on MySQL 8.4, through entities and native SQL. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "zf_platform_test"))
class InstantPrecisionTest {
    private static final Instant WITH_MICROS = Instant.parse("2026-03-09T10:00:00.123456Z");

    @Inject
    EntityManager em;

    @Inject
    DataSource db;

    @Test
    void boundInstantIsStoredAsUtcWithItsMicroseconds() throws SQLException {
        Object stored = QuarkusTransaction.requiringNew().call(() -> em
                .createNativeQuery("SELECT DATE_FORMAT(CAST(?1 AS DATETIME(6)), '%Y-%m-%d %H:%i:%s.%f')")
                .setParameter(1, WITH_MICROS).getSingleResult());
        assertEquals("2026-03-09 10:00:00.123456", stored);
    }

    @Test
    void entityInstantRoundTripsExactly() throws SQLException {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "INSERT INTO processed_event (event_id, event_type, topic, processed_at) VALUES ('precision-1', 't', 't', ?1)"
                        + " ON DUPLICATE KEY UPDATE processed_at = VALUES(processed_at)")
                .setParameter(1, WITH_MICROS).executeUpdate());
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT DATE_FORMAT(processed_at, '%Y-%m-%d %H:%i:%s.%f') FROM processed_event WHERE event_id = 'precision-1'");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            assertEquals("2026-03-09 10:00:00.123456", rs.getString(1));
        }
        Instant read = QuarkusTransaction.requiringNew().call(() -> em
                .createQuery("select p.processedAt from ProcessedEvent p where p.eventId = 'precision-1'", Instant.class)
                .getSingleResult());
        assertEquals(WITH_MICROS, read);
    }
}
