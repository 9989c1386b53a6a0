package io.obsagent.it;

import io.obsagent.it.harness.AppProcess;
import io.obsagent.it.harness.Apps;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One sample service with the agent attached for a whole test class, started and ready (its API answers, and
 * so does /health/ready) before the first test, ended after the last:
 * {@code @RegisterExtension static final ReadySampleService SERVICE = new ReadySampleService();}
 */
final class ReadySampleService implements BeforeAllCallback, AfterAllCallback {

    private AppProcess app;

    AppProcess app() {
        return app;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        app = AppProcess.builder(Apps.sampleApp()).withAgent().start();
        app.awaitReady();
        app.awaitHttpOk(app.sideUrl("/health/ready"), AppProcess.STARTUP_TIMEOUT);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (app != null) {
            app.close();
        }
    }
}
