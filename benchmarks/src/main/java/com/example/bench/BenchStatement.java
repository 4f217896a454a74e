package com.example.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLWarning;
import java.sql.Statement;
import org.openjdk.jmh.annotations.CompilerControl;

/**
 * A JDBC statement that does nothing, so that the jdbc preset's benchmark rows measure the preset's
 * own cost: the woven {@code executeQuery(String)} is the method the preset binds, never inlined,
 * and every other method of {@link Statement} is an empty stand-in.
 */
public class BenchStatement implements Statement {

    @Override
    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    public ResultSet executeQuery(String sql) {
        return null;
    }

    @Override
    public <T> T unwrap(Class<T> p0) {
        return null;
    }

    @Override
    public Connection getConnection() {
        return null;
    }

    @Override
    public ResultSet getGeneratedKeys() {
        return null;
    }

    @Override
    public ResultSet getResultSet() {
        return null;
    }

    @Override
    public SQLWarning getWarnings() {
        return null;
    }

    @Override
    public boolean execute(String p0) {
        return false;
    }

    @Override
    public boolean execute(String p0, String[] p1) {
        return false;
    }

    @Override
    public boolean execute(String p0, int p1) {
        return false;
    }

    @Override
    public boolean execute(String p0, int[] p1) {
        return false;
    }

    @Override
    public boolean getMoreResults() {
        return false;
    }

    @Override
    public boolean getMoreResults(int p0) {
        return false;
    }

    @Override
    public boolean isCloseOnCompletion() {
        return false;
    }

    @Override
    public boolean isClosed() {
        return false;
    }

    @Override
    public boolean isPoolable() {
        return false;
    }

    @Override
    public boolean isWrapperFor(Class<?> p0) {
        return false;
    }

    @Override
    public int executeUpdate(String p0) {
        return 0;
    }

    @Override
    public int executeUpdate(String p0, String[] p1) {
        return 0;
    }

    @Override
    public int executeUpdate(String p0, int p1) {
        return 0;
    }

    @Override
    public int executeUpdate(String p0, int[] p1) {
        return 0;
    }

    @Override
    public int getFetchDirection() {
        return 0;
    }

    @Override
    public int getFetchSize() {
        return 0;
    }

    @Override
    public int getMaxFieldSize() {
        return 0;
    }

    @Override
    public int getMaxRows() {
        return 0;
    }

    @Override
    public int getQueryTimeout() {
        return 0;
    }

    @Override
    public int getResultSetConcurrency() {
        return 0;
    }

    @Override
    public int getResultSetHoldability() {
        return 0;
    }

    @Override
    public int getResultSetType() {
        return 0;
    }

    @Override
    public int getUpdateCount() {
        return 0;
    }

    @Override
    public int[] executeBatch() {
        return null;
    }

    @Override
    public void addBatch(String p0) {
        // nothing to do
    }

    @Override
    public void cancel() {
        // nothing to do
    }

    @Override
    public void clearBatch() {
        // nothing to do
    }

    @Override
    public void clearWarnings() {
        // nothing to do
    }

    @Override
    public void close() {
        // nothing to do
    }

    @Override
    public void closeOnCompletion() {
        // nothing to do
    }

    @Override
    public void setCursorName(String p0) {
        // nothing to do
    }

    @Override
    public void setEscapeProcessing(boolean p0) {
        // nothing to do
    }

    @Override
    public void setFetchDirection(int p0) {
        // nothing to do
    }

    @Override
    public void setFetchSize(int p0) {
        // nothing to do
    }

    @Override
    public void setMaxFieldSize(int p0) {
        // nothing to do
    }

    @Override
    public void setMaxRows(int p0) {
        // nothing to do
    }

    @Override
    public void setPoolable(boolean p0) {
        // nothing to do
    }

    @Override
    public void setQueryTimeout(int p0) {
        // nothing to do
    }
}
