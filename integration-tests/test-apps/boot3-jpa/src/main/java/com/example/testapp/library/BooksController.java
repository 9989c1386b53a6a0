package com.example.testapp.library;

import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.util.List;
import java.util.Map;

/**
 * {@code GET /books?author=}, {@code GET /books/{id}}, {@code POST /books}, {@code POST /books/{id}/lend}
 * (409 when lent already) and {@code GET /books/stats}: every answer reads or writes the database.
 */
@RestController
public class BooksController {

    private final BookRepository books;
    private final AuthorRepository authors;

    public BooksController(BookRepository books, AuthorRepository authors) {
        this.books = books;
        this.authors = authors;
    }

    @GetMapping("/books")
    public List<Book> byAuthor(@RequestParam(name = "author", defaultValue = "") String author) {
        return author.isEmpty() ? books.findAll() : books.findByAuthorName(author);
    }

    @GetMapping("/books/{id}")
    public Book book(@PathVariable("id") long id) {
        return books.findById(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no book " + id));
    }

    @PostMapping("/books")
    @ResponseStatus(HttpStatus.CREATED)
    @Transactional
    public Book add(@Valid @RequestBody NewBook book) {
        Author author = authors.findByName(book.author()).orElseGet(() -> authors.save(new Author(book.author())));
        return books.save(new Book(book.title(), author));
    }

    @PostMapping("/books/{id}/lend")
    @Transactional
    public Book lend(@PathVariable("id") long id) {
        Book book = book(id);
        if (book.isLent()) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "book " + id + " is lent");
        }
        book.lend();
        return book;
    }

    @GetMapping("/books/stats")
    public Map<String, Long> stats() {
        return Map.of("books", books.count(), "lent", books.countByLentTrue(), "authors", authors.count());
    }
}
