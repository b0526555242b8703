package io.zhengfeng.survey.config;

import java.util.List;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;

import io.zhengfeng.survey.service.AuditTrail;
import io.zhengfeng.platform.config.PlatformConfig;
import io.zhengfeng.platform.pii.PersonalDataCipher;
import io.zhengfeng.platform.pii.RekeyJob;

/**
 * Which columns the personal-data re-encryption job (platform pii/RekeyJob) reseals here.
 * Invitees' name, e-mail and address (service/Invitations) are the survey's personal data; invitations carry no
 * version on purpose (persistence/InvitationEntity), so their entity writes only changed columns instead.
 */
@Singleton
public class PersonalDataRekeyProducer {
    public static final RekeyJob.Table TABLE = new RekeyJob.Table("invitation", "invitations", false,
            List.of("name_enc", "email_enc", "address_enc"));

    @Produces
    @Singleton
    RekeyJob rekeyJob(EntityManager em, PersonalDataCipher cipher, AuditTrail audit, PlatformConfig config) {
        return new RekeyJob(em, cipher, audit, TABLE, config.pii().rekeyBatchSize());
    }
}
