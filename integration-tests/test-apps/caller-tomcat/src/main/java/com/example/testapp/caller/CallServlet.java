package com.example.testapp.caller;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * GET /call?client=C&url=U[&own=ID][&hop=1|&detached=1] calls U with client C and answers with the downstream's
 * body, or "error" when no response came. {@code own} sets the request-ID header on the call itself; {@code hop}
 * makes the call from a CompletableFuture task instead of the request thread; {@code detached} from a new platform
 * thread, which works for no request. GET /echo answers the propagation headers it got; GET /redirect sends the
 * caller to /echo.
 */
final class CallServlet extends HttpServlet {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CallServlet.class);
    private static final HttpClient JDK = HttpClient.newHttpClient();
    private static final org.apache.http.impl.client.CloseableHttpClient APACHE4 =
            org.apache.http.impl.client.HttpClients.createDefault();
    private static final org.apache.hc.client5.http.impl.classic.CloseableHttpClient APACHE5 =
            org.apache.hc.client5.http.impl.classic.HttpClients.createDefault();

    private final Map<String, Client> clients = Map.of(
            "urlconnection", CallServlet::urlConnection,
            "jdk", CallServlet::jdkSync,
            "jdkAsync", CallServlet::jdkAsync,
            "apache4", CallServlet::apache4,
            "apache5", CallServlet::apache5,
            "okhttp", CallServlet::okhttp,
            "okhttpAsync", CallServlet::okhttpAsync,
            "apache5Async", CallServlet::apache5Async);

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (req.getServletPath().equals("/redirect")) {
            resp.sendRedirect("echo");
            return;
        }
        resp.setContentType("text/plain");
        if (req.getServletPath().equals("/echo")) {
            resp.getWriter().write("id=" + req.getHeader("X-Request-ID") + " traceparent=" + req.getHeader("traceparent")
                    + " tracestate=" + req.getHeader("tracestate"));
            return;
        }
        Client client = clients.get(req.getParameter("client"));
        String url = req.getParameter("url");
        String own = req.getParameter("own");
        String body;
        try {
            if (req.getParameter("hop") != null) {
                body = CompletableFuture.supplyAsync(() -> callQuietly(client, url, own)).get();
            } else if (req.getParameter("detached") != null) {
                String[] answer = new String[1];
                Thread detached = new Thread(() -> answer[0] = callQuietly(client, url, own));
                detached.start();
                detached.join();
                body = answer[0];
            } else {
                body = client.call(url, own);
            }
        } catch (Exception e) {
            body = "error";
        }
        resp.getWriter().write(body);
    }

    private static String callQuietly(Client client, String url, String own) {
        try {
            return client.call(url, own);
        } catch (Exception e) {
            return "error";
        }
    }

    private static String urlConnection(String url, String own) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) new URL(url).openConnection();
        if (own != null) {
            connection.setRequestProperty("X-Request-ID", own);
        }
        if (connection.getResponseCode() != 200) {
            return "status " + connection.getResponseCode();
        }
        try (InputStream in = connection.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static HttpRequest request(String url, String own) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url));
        if (own != null) {
            builder.header("X-Request-ID", own);
        }
        return builder.build();
    }

    private static String jdkSync(String url, String own) throws Exception {
        return JDK.send(request(url, own), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String jdkAsync(String url, String own) throws Exception {
        return JDK.sendAsync(request(url, own), HttpResponse.BodyHandlers.ofString()).get().body();
    }

    private static String apache4(String url, String own) throws IOException {
        org.apache.http.client.methods.HttpGet get = new org.apache.http.client.methods.HttpGet(url);
        if (own != null) {
            get.setHeader("X-Request-ID", own);
        }
        try (org.apache.http.client.methods.CloseableHttpResponse response = APACHE4.execute(get)) {
            return org.apache.http.util.EntityUtils.toString(response.getEntity());
        }
    }

    private static String apache5(String url, String own) throws IOException {
        org.apache.hc.client5.http.classic.methods.HttpGet get = new org.apache.hc.client5.http.classic.methods.HttpGet(url);
        if (own != null) {
            get.setHeader("X-Request-ID", own);
        }
        return APACHE5.execute(get, response -> org.apache.hc.core5.http.io.entity.EntityUtils.toString(response.getEntity()));
    }

    private static final org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient APACHE5_ASYNC = startedAsyncClient();

    private static org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient startedAsyncClient() {
        org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient client =
                org.apache.hc.client5.http.impl.async.HttpAsyncClients.createDefault();
        client.start();
        return client;
    }

    /** The callback runs on the client's I/O thread and logs "async callback": its line carries the caller's ID. */
    private static String apache5Async(String url, String own) throws Exception {
        org.apache.hc.client5.http.async.methods.SimpleHttpRequest get =
                org.apache.hc.client5.http.async.methods.SimpleRequestBuilder.get(url).build();
        if (own != null) {
            get.setHeader("X-Request-ID", own);
        }
        CompletableFuture<String> answer = new CompletableFuture<>();
        APACHE5_ASYNC.execute(get, new org.apache.hc.core5.concurrent.FutureCallback<>() {
            @Override
            public void completed(org.apache.hc.client5.http.async.methods.SimpleHttpResponse response) {
                LOG.info("async callback");
                answer.complete(response.getBodyText());
            }

            @Override
            public void failed(Exception e) {
                LOG.info("async callback failed");
                answer.completeExceptionally(e);
            }

            @Override
            public void cancelled() {
                answer.cancel(false);
            }
        });
        return answer.get();
    }

    private static final okhttp3.OkHttpClient OKHTTP = new okhttp3.OkHttpClient();

    private static okhttp3.Request okRequest(String url, String own) {
        okhttp3.Request.Builder builder = new okhttp3.Request.Builder().url(url);
        if (own != null) {
            builder.header("X-Request-ID", own);
        }
        return builder.build();
    }

    private static String okhttp(String url, String own) throws IOException {
        try (okhttp3.Response response = OKHTTP.newCall(okRequest(url, own)).execute()) {
            return response.body().string();
        }
    }

    private static String okhttpAsync(String url, String own) throws Exception {
        CompletableFuture<String> answer = new CompletableFuture<>();
        OKHTTP.newCall(okRequest(url, own)).enqueue(new okhttp3.Callback() {
            @Override
            public void onFailure(okhttp3.Call call, IOException e) {
                answer.completeExceptionally(e);
            }

            @Override
            public void onResponse(okhttp3.Call call, okhttp3.Response response) throws IOException {
                try (response) {
                    answer.complete(response.body().string());
                }
            }
        });
        return answer.get();
    }

    private interface Client {
        String call(String url, String own) throws Exception;
    }
}
