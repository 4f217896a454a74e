package dev.chaosagent.examples.musicstore;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The store's own copy of album metadata, in an embedded H2 database: the cache the protected path
 * falls back on, and where imports land. The table has no key on purpose: whether an import can be
 * retried safely is up to the code that writes it.
 */
public class AlbumRepository {

    private final String url;

    public AlbumRepository(String url) throws SQLException {
        this.url = url;
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS albums (id VARCHAR(16), title VARCHAR(200), artist VARCHAR(200))");
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url);
    }

    /** Writes the album once however often it is called: an upsert by id. */
    public void saveIdempotently(Album album) throws SQLException {
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM albums WHERE id = ?");
                 PreparedStatement insert = c.prepareStatement("INSERT INTO albums VALUES (?, ?, ?)")) {
                delete.setString(1, album.id());
                delete.executeUpdate();
                bind(insert, album).executeUpdate();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Appends a row: calling it twice for one album leaves a duplicate. */
    public void insert(Album album) throws SQLException {
        try (Connection c = connect(); PreparedStatement insert = c.prepareStatement("INSERT INTO albums VALUES (?, ?, ?)")) {
            bind(insert, album).executeUpdate();
        }
    }

    private static PreparedStatement bind(PreparedStatement statement, Album album) throws SQLException {
        statement.setString(1, album.id());
        statement.setString(2, album.title());
        statement.setString(3, album.artist());
        return statement;
    }

    public Optional<Album> find(String id) throws SQLException {
        try (Connection c = connect(); PreparedStatement query = c.prepareStatement("SELECT id, title, artist FROM albums WHERE id = ?")) {
            query.setString(1, id);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(new Album(rows.getString(1), rows.getString(2), rows.getString(3))) : Optional.empty();
            }
        }
    }

    public List<Album> search(String text) throws SQLException {
        try (Connection c = connect(); PreparedStatement query = c.prepareStatement(
                "SELECT DISTINCT id, title, artist FROM albums WHERE LOWER(title) LIKE ? OR LOWER(artist) LIKE ? ORDER BY id")) {
            String like = "%" + text.toLowerCase(java.util.Locale.ROOT) + "%";
            query.setString(1, like);
            query.setString(2, like);
            List<Album> albums = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    albums.add(new Album(rows.getString(1), rows.getString(2), rows.getString(3)));
                }
            }
            return albums;
        }
    }

    /** How many rows hold this album (more than one: a duplicate). */
    public int rows(String id) throws SQLException {
        try (Connection c = connect(); PreparedStatement query = c.prepareStatement("SELECT COUNT(*) FROM albums WHERE id = ?")) {
            query.setString(1, id);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}
