package io.zhengfeng.inspection.service;

import java.util.List;

import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;

import io.zhengfeng.platform.config.PlatformConfig;
import io.zhengfeng.platform.pii.PersonalDataCipher;
import io.zhengfeng.platform.pii.RekeyJob;

/**
 * The personal-data re-encryption job after a key rotation (README "Rotating the personal-data key"):
 * which columns of which table it reseals here; batches, cursor, job row and audit entries are platform
 * {@link RekeyJob}'s, run by platform {@code RekeyRunner}.
 * Supervisors' name and contact (service/Supervisors) are this service's personal data. The supervisor has no
 * version column: the entity writes only changed columns instead, so a supervisor read before its row was
 * re-encrypted cannot write the old ciphertext back.
 */
@Singleton
public class PersonalDataRekey extends RekeyJob {
    public PersonalDataRekey(EntityManager em, PersonalDataCipher cipher, AuditTrail audit, PlatformConfig config) {
        super(em, cipher, audit, new Table("supervisor", "supervisors", false,
                List.of("name_enc", "contact_enc")), config.pii().rekeyBatchSize());
    }
}
