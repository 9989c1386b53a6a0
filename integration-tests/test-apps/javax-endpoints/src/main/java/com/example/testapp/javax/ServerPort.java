package com.example.testapp.javax;

/** The HTTP port: environment variable SERVER_PORT, else the first program argument, else 8080. */
public final class ServerPort {

    private ServerPort() {
    }

    public static int resolve(String[] args) {
        String fromEnvironment = System.getenv("SERVER_PORT");
        if (fromEnvironment != null && !fromEnvironment.trim().isEmpty()) {
            return Integer.parseInt(fromEnvironment.trim());
        }
        return args.length > 0 ? Integer.parseInt(args[0]) : 8080;
    }
}
