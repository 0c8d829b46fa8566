package io.pinfold.testsupport.postgres;

/** One database on a test PostgreSQL server, with the URLs Quarkus and plain JDBC want. */
public record PostgresDatabase(String host, int port, String name, String user, String password) {

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + name;
    }

    /** For {@code quarkus.datasource.reactive.url}. */
    public String reactiveUrl() {
        return "vertx-reactive:postgresql://" + host + ":" + port + "/" + name;
    }

    @Override
    public String toString() {
        // never print the password
        return "postgresql://" + user + "@" + host + ":" + port + "/" + name;
    }
}
