package io.swimdiscovery.spring.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a bad {@code swim.*} property as Boot's "APPLICATION FAILED TO START" block: which
 * property, which value, and what to write instead, instead of a stack trace.
 */
class InvalidSwimPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidSwimPropertyException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidSwimPropertyException cause) {
        String value = (cause.getValue() != null) ? "'" + cause.getValue() + "'" : "(not set)";
        String description = "The SWIM discovery property '" + cause.getProperty() + "' is invalid.\n\n"
                + "    Property: " + cause.getProperty() + "\n"
                + "    Value: " + value + "\n"
                + "    Reason: expected " + cause.getExpected();
        String action = "Update your application's configuration: set '" + cause.getProperty() + "' to "
                + cause.getExpected() + ".";
        return new FailureAnalysis(description, action, cause);
    }
}
