package io.zhengfeng.inspection.config;

import java.util.List;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;

import io.zhengfeng.inspection.service.AuditTrail;
import io.zhengfeng.platform.config.PlatformConfig;
import io.zhengfeng.platform.pii.PersonalDataCipher;
import io.zhengfeng.platform.pii.RekeyJob;

/**
 * Which columns the personal-data re-encryption job (platform pii/RekeyJob) reseals here.
 * Supervisors' name and contact (service/Supervisors) are this service's personal data; the supervisor has no
 * version column, so its entity writes only changed columns instead.
 */
@Singleton
public class PersonalDataRekeyProducer {
    public static final RekeyJob.Table TABLE = new RekeyJob.Table("supervisor", "supervisors", false,
            List.of("name_enc", "contact_enc"));

    @Produces
    @Singleton
    RekeyJob rekeyJob(EntityManager em, PersonalDataCipher cipher, AuditTrail audit, PlatformConfig config) {
        return new RekeyJob(em, cipher, audit, TABLE, config.pii().rekeyBatchSize());
    }
}
