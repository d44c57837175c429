package org.homeamp.demo.ampsim;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.homeamp.testing.SimHosts;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** A bare JDK HTTP client posting AMP-style calls, independent of the app's AmpClient. */
final class AmpCalls {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI base;

    AmpCalls(URI base) {
        this.base = base;
    }

    HttpResponse<String> raw(String path, String body, String bearer) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/API/" + path))
                .header("Accept", "text/javascript")
                .header("Content-Type", "application/json")
                .header("User-Agent", "ampsim-test")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode post(String path, Map<String, ?> body, String bearer) throws IOException, InterruptedException {
        HttpResponse<String> response = raw(path, JSON.writeValueAsString(body), bearer);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + response.statusCode() + " for " + path);
        }
        return response.body().isEmpty() ? null : JSON.readTree(response.body());
    }

    /** A call carrying the session both ways, as the production client does. */
    JsonNode call(String path, String session, Map<String, ?> params) throws IOException, InterruptedException {
        ObjectNode body = JSON.valueToTree(params);
        body.put("SESSIONID", session);
        HttpResponse<String> response = raw(path, JSON.writeValueAsString(body), session);
        return response.body().isEmpty() ? null : JSON.readTree(response.body());
    }

    JsonNode login(String prefix, String password) throws IOException, InterruptedException {
        return post(prefix + "Core/Login", Map.of("username", SimHosts.USER, "password", password, "token", "",
                "rememberMe", false), null);
    }

    String session(String prefix) throws IOException, InterruptedException {
        JsonNode reply = login(prefix, SimHosts.PASSWORD);
        if (!reply.path("success").asBoolean()) {
            throw new IllegalStateException("login failed: " + reply);
        }
        return reply.path("sessionID").asString();
    }

    static String proxied(String instanceId) {
        return "ADSModule/Servers/" + instanceId + "/API/";
    }
}
