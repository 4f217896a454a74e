package com.example.matrix.kotlinc

import java.util.concurrent.Executors
import java.util.concurrent.atomic.AtomicInteger
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Deferred
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.asCoroutineDispatcher
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.delay
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import kotlinx.coroutines.yield

/**
 * Suspend functions with several suspension points: kotlinc compiles each to a state machine that
 * the coroutine machinery calls again, with the function's own continuation, on every resumption.
 */
class Playlist {

    suspend fun load(id: Int): String {
        started.incrementAndGet()
        delay(10)
        yield()
        delay(10)
        finished.incrementAndGet()
        return "playlist-$id"
    }

    /** Never suspends: its result comes back from the first call. */
    suspend fun cached(id: Int): String {
        started.incrementAndGet()
        finished.incrementAndGet()
        return "cached-$id"
    }

    companion object {
        @JvmField val started = AtomicInteger()
        @JvmField val finished = AtomicInteger()
    }
}

/** The calls the coroutine tests make: on Dispatchers.Default, and on one thread standing for an event loop. */
object Coroutines {

    private val loop: CoroutineDispatcher = Executors.newSingleThreadExecutor { task -> Thread(task, "event-loop") }.asCoroutineDispatcher()

    private fun outcome(block: suspend () -> String): String = runBlocking(Dispatchers.Default) {
        try {
            withTimeout(10_000) { block() }
        } catch (e: IllegalStateException) {
            "caught ${e.javaClass.name}: ${e.message}"
        } catch (e: java.io.IOException) {
            "caught ${e.javaClass.name}: ${e.message}"
        }
    }

    @JvmStatic fun load(): Any = outcome { Playlist().load(1) }

    @JvmStatic fun cached(): Any = outcome { Playlist().cached(2) }

    /** 20 loads at once on the single-thread dispatcher, and a tick that must not wait for them: answers the tick's wait, in ms. */
    @JvmStatic fun loadsOnTheLoop(): Any = runBlocking(loop) {
        val loads = (1..20).map { id -> async { Playlist().load(id) } }
        val queued = System.nanoTime()
        val tick = async { (System.nanoTime() - queued) / 1_000_000 }
        val waited = tick.await()
        val results = loads.awaitAll()
        "tick waited ${waited}ms, ${results.size} loaded, ${results.toSet().size} distinct"
    }

    private var background: Deferred<String>? = null

    /** Starts a call in the background and answers at once; [awaitBackground] answers its result. */
    @JvmStatic fun startBackground(): Any {
        background = CoroutineScope(Dispatchers.Default).async { Playlist().cached(3) }
        return "started"
    }

    @JvmStatic fun awaitBackground(): Any = runBlocking { withTimeout(10_000) { background!!.await() } }

    @JvmStatic fun counters(): String = "started=${Playlist.started.get()} finished=${Playlist.finished.get()}"

    @JvmStatic fun reset(): String {
        Playlist.started.set(0)
        Playlist.finished.set(0)
        return "reset"
    }
}
