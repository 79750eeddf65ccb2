package dev.mailtask.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailtask.rules.Trace;
import java.util.List;

/** The rules' traces of one mail as the JSON kept with its message record and shown over REST. */
public final class TraceJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TraceJson() {
    }

    /** Null when no rules were involved. */
    public static String write(List<Trace> traces) {
        if (traces.isEmpty()) {
            return null;
        }
        try {
            return JSON.writeValueAsString(traces);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a trace is plain records and always serialisable", e);
        }
    }
}
