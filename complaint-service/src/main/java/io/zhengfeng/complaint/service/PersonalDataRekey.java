package io.zhengfeng.complaint.service;

import java.util.List;

import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;

import io.zhengfeng.complaint.config.ComplaintConfig;
import io.zhengfeng.platform.pii.PersonalDataCipher;
import io.zhengfeng.platform.pii.RekeyJob;

/**
 * The personal-data re-encryption job after a key rotation (README "Rotating the personal-data key"):
 * which columns of which table it reseals here; batches, cursor, job row and audit entries are platform
 * {@link RekeyJob}'s, run by platform {@code RekeyRunner}.
 * Complainants' contact (service/ComplaintIntake) is this service's personal data; the complaint's version is
 * bumped with each re-encrypted row, so an action that read it earlier gets a 409 instead of writing the old
 * ciphertext back. Batch size: {@code zhengfeng.complaints.pii-rekey.batch-size}.
 */
@Singleton
public class PersonalDataRekey extends RekeyJob {
    public PersonalDataRekey(EntityManager em, PersonalDataCipher cipher, AuditTrail audit, ComplaintConfig config) {
        super(em, cipher, audit, new Table("complaint", "complaints", true,
                List.of("contact_name", "contact_phone", "contact_id_number", "contact_address", "contact_email")), config.piiRekey().batchSize());
    }
}
