package io.zhengfeng.complaint;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.zhengfeng.complaint.config.ComplaintConfig;
import io.zhengfeng.complaint.service.AccessCodes;
import io.zhengfeng.contracts.EventTypes;
import io.zhengfeng.contracts.Topics;
import io.zhengfeng.testing.RealInfrastructureResource;
import io.zhengfeng.testing.RecordedEvent;
import io.zhengfeng.testing.TopicReader;

/**
 * A tracking number drawn twice (the unique key {@code uk_complaint_tracking} refuses the second) is
 * drawn again: the citizen gets a 201 with another number, and the refused attempt leaves nothing.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "zf_complaint_test"))
class TrackingNumberClashTest {

    @Inject
    ComplaintConfig config;
    @Inject
    DataSource db;

    /** The real generator, except that its next draw repeats a number already taken. */
    static class ClashingOnce extends AccessCodes {
        final String taken;
        final List<String> drawn = new ArrayList<>();

        ClashingOnce(ComplaintConfig config, String taken) {
            super(config);
            this.taken = taken;
        }

        @Override
        public synchronized String newTrackingNumber(Instant submittedAt) {
            String n = drawn.isEmpty() ? taken : super.newTrackingNumber(submittedAt);
            drawn.add(n);
            return n;
        }
    }

    @Test
    void aClashingTrackingNumberIsDrawnAgainAndTheSubmissionSucceedsWithNothingHalfWritten() throws Exception {
        ComplaintApi.Created first = ComplaintApi.submitAsCitizen("complaint", "urban_planning");
        ClashingOnce generator = new ClashingOnce(config, first.trackingNumber());
        QuarkusMock.installMockForType(generator, AccessCodes.class);
        long complaintsBefore = count("SELECT COUNT(*) FROM complaint", null);

        try (TopicReader reader = new TopicReader(Topics.COMPLAINTS)) {
            var r = given().contentType("application/json").body(ComplaintApi.body("complaint", "web", "urban_planning"))
                    .post("/api/complaints").then().statusCode(201);
            String id = r.extract().path("id");
            String number = r.extract().path("trackingNumber");

            assertEquals(2, generator.drawn.size(), "the first draw clashed, the second was used: " + generator.drawn);
            assertEquals(first.trackingNumber(), generator.drawn.get(0));
            assertNotEquals(first.trackingNumber(), number);
            assertEquals(generator.drawn.get(1), number);
            // The clash left exactly one new complaint, one history line and one event for it.
            assertEquals(complaintsBefore + 1, count("SELECT COUNT(*) FROM complaint", null));
            assertEquals(1, count("SELECT COUNT(*) FROM complaint WHERE tracking_number = ?", first.trackingNumber()));
            assertEquals(1, count("SELECT COUNT(*) FROM complaint_history WHERE complaint_id = ?", id));
            assertEquals(1, count("SELECT COUNT(*) FROM outbox_event WHERE subject = ?", id));
            RecordedEvent event = reader.readForKey(id, 1, Duration.ofSeconds(20)).get(0);
            assertEquals(EventTypes.COMPLAINT_SUBMITTED, event.type());
            // and the citizen can follow it with what they were given
            ComplaintApi.citizen(r.extract().path("accessCode")).get("/api/complaints/track/" + number).then()
                    .statusCode(200);
        }
    }

    private long count(String sql, String arg) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (arg != null) {
                ps.setString(1, arg);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
