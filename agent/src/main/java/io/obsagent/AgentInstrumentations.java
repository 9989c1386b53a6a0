package io.obsagent;

import io.obsagent.core.config.AgentConfig;
import io.obsagent.core.config.Settings;
import io.obsagent.core.metrics.rules.MetricRules;
import io.obsagent.instrumentation.TypeInstrumentation;
import io.obsagent.instrumentation.apache.ApacheHttpClientInstrumentation;
import io.obsagent.instrumentation.concurrent.ThreadHopInstrumentation;
import io.obsagent.instrumentation.httpclient.HttpClientInstrumentation;
import io.obsagent.instrumentation.jaxrs.JaxRsInstrumentation;
import io.obsagent.instrumentation.jbossmodules.JBossModulesInstrumentation;
import io.obsagent.instrumentation.jdbc.DataSourceInstrumentation;
import io.obsagent.instrumentation.logging.JsonConsoleInstrumentation;
import io.obsagent.instrumentation.okhttp.OkHttpInstrumentation;
import io.obsagent.instrumentation.net.ServerSocketInstrumentation;
import io.obsagent.instrumentation.rules.MethodRulesInstrumentation;
import io.obsagent.instrumentation.servlet.ContainerStartInstrumentation;
import io.obsagent.instrumentation.servlet.ContentTypeInstrumentation;
import io.obsagent.instrumentation.servlet.ServletInstrumentation;
import io.obsagent.instrumentation.undertow.ErrorPageInstrumentation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Everything the agent instruments, given what the configuration switches on (security headers, app_logs.json, rules). */
final class AgentInstrumentations {

    private AgentInstrumentations() {
    }

    static List<TypeInstrumentation> all(AgentConfig config, MetricRules rules) {
        boolean securityHeaders = config.get(Settings.SECURITY_HEADERS);
        List<TypeInstrumentation> all = new ArrayList<TypeInstrumentation>(Arrays.asList(
                ServletInstrumentation.javax(securityHeaders), ServletInstrumentation.jakarta(securityHeaders),
                new ContainerStartInstrumentation(), new ErrorPageInstrumentation(),
                new JaxRsInstrumentation(), new DataSourceInstrumentation(), new ServerSocketInstrumentation(),
                new JBossModulesInstrumentation(), new HttpClientInstrumentation(),
                new ApacheHttpClientInstrumentation(), new OkHttpInstrumentation()));
        if (securityHeaders) {
            all.add(ContentTypeInstrumentation.javax());
            all.add(ContentTypeInstrumentation.jakarta());
        }
        if (config.get(Settings.APP_LOGS_JSON)) {
            all.add(new JsonConsoleInstrumentation());
        }
        if (config.get(Settings.PROPAGATION_THREADS)) {
            all.add(new ThreadHopInstrumentation());
        }
        if (!rules.isEmpty()) {
            all.add(new MethodRulesInstrumentation(rules));
        }
        return all;
    }

    /**
     * The JDK classes instrumented that load without waiting for Byte Buddy (retransformed once it is ready): work
     * handed off and calls made before the first request need nothing, whereas a missed socket bind would leave
     * readiness unaware.
     */
    static List<String> lateJdkTypes(AgentConfig config) {
        List<String> types = new ArrayList<String>(Arrays.asList(HttpClientInstrumentation.TYPES));
        if (config.get(Settings.PROPAGATION_THREADS)) {
            types.addAll(Arrays.asList(ThreadHopInstrumentation.TYPES));
        }
        return types;
    }
}
