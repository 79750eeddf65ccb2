package dev.mailtask.api;

import dev.mailtask.intake.IntakeService;
import dev.mailtask.intake.ReceivedMail;

/** Message actions over REST: taking a stored mail out again for the intake route to process. */
public final class MessageApi {

    private final IntakeService intake;

    public MessageApi(IntakeService intake) {
        this.intake = intake;
    }

    /** The stored mail, ready for the intake route; 404 for no such mail, 409 for one processed already. */
    public ReceivedMail reprocess(String id) {
        long messageId = ReadApi.id("message", id);
        try {
            return intake.reprocessable(messageId);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound(e.getMessage());
        } catch (IllegalStateException e) {
            throw new ApiException(409, e.getMessage());
        }
    }
}
