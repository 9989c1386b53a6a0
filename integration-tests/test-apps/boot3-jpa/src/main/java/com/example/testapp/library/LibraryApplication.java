package com.example.testapp.library;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** Takes its port from SERVER_PORT, as every test app does (Spring Boot binds it to server.port). */
@SpringBootApplication
public class LibraryApplication {

    public static void main(String[] args) {
        SpringApplication.run(LibraryApplication.class, args);
    }

    /** Two authors and three books (ids 1 to 3 in the order added), before the first request. */
    @Bean
    ApplicationRunner shelves(AuthorRepository authors, BookRepository books) {
        return arguments -> {
            Author le = authors.save(new Author("Ursula K. Le Guin"));
            Author lem = authors.save(new Author("Stanislaw Lem"));
            books.save(new Book("The Dispossessed", le));
            books.save(new Book("The Left Hand of Darkness", le));
            books.save(new Book("Solaris", lem));
        };
    }
}
