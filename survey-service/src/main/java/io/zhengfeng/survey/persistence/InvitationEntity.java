package io.zhengfeng.survey.persistence;

import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.DynamicUpdate;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A solicitation letter. No version or update timestamp on purpose: nothing here may record when
 * (finer than the day) the letter was answered.
 */
@Entity
// only changed columns: a row read before the re-encryption job (platform pii/RekeyJob) resealed it
// must not write the old ciphertext back
@DynamicUpdate
@Table(name = "invitation")
public class InvitationEntity extends PanacheEntityBase {
    @Id
    public String id;
    @Column(name = "survey_id")
    public String surveyId;
    @Column(name = "letter_no")
    public String letterNo;
    @Column(name = "token_hash")
    public String tokenHash;
    @Column(name = "respondent_group")
    public String respondentGroup;
    public String organisation;
    @Column(name = "name_enc")
    public String nameEnc;
    @Column(name = "email_enc")
    public String emailEnc;
    @Column(name = "address_enc")
    public String addressEnc;
    public boolean sent;
    @Column(name = "sent_on")
    public LocalDate sentOn;
    public boolean answered;
    @Column(name = "answered_on")
    public LocalDate answeredOn;
    public int reminders;
    @Column(name = "last_reminded_on")
    public LocalDate lastRemindedOn;
}
