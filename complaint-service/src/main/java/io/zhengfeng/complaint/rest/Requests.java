package io.zhengfeng.complaint.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.zhengfeng.complaint.service.Channel;
import io.zhengfeng.complaint.service.ContactDetails;
import io.zhengfeng.complaint.service.Kind;
import io.zhengfeng.complaint.service.NewComplaint;
import io.zhengfeng.complaint.service.Rating;

/** JSON bodies the API accepts; plain field names, every constraint named in the 400 it causes. */
public final class Requests {

    public record Contact(
            @Size(max = 50) String name,
            // the patterns bound the length: stated for the OpenAPI document
            @Pattern(regexp = "\\+?[0-9][0-9 -]{5,19}", message = "must be a phone number") @Schema(maxLength = 21) String phone,
            @Pattern(regexp = "[0-9]{17}[0-9Xx]", message = "must be an 18-character resident ID number") @Schema(maxLength = 18) String idNumber,
            @Size(max = 300) String address,
            @Email @Size(max = 100) String email) {

        ContactDetails toDetails() {
            return new ContactDetails(name, phone, idNumber, address, email);
        }
    }

    public record Submit(
            @NotNull Kind kind,
            @NotNull Channel channel,
            @NotBlank @Size(max = 50) String category,
            @Size(max = 200) String title,
            @NotBlank @Size(max = 5000) String content,
            @Valid Contact contact,
            Boolean confidential) {

        NewComplaint toCommand() {
            return new NewComplaint(kind, channel, category, title, content, contact == null ? null : contact.toDetails(),
                    confidential);
        }
    }

    public record Reason(@NotBlank @Size(max = 1000) String reason) {
    }

    public record OptionalReason(@Size(max = 1000) String reason) {
    }

    public record Assign(@NotBlank @Size(max = 50) String department) {
    }

    public record Transfer(@NotBlank @Size(max = 50) String department, @NotBlank @Size(max = 1000) String reason) {
    }

    public record Reply(@NotBlank @Size(max = 10000) String content) {
    }

    public record Extension(@NotNull @Min(1) @Max(10) Integer workingDays, @NotBlank @Size(max = 1000) String reason) {
    }

    public record Rate(@NotNull Rating rating, @Size(max = 1000) String comment) {
    }

    public record Publish(@Size(max = 10000) String text) {
    }

    private Requests() {
    }
}
