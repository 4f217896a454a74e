package com.example.matrix.kotlinc

/** Returns inside try/catch and try/finally; the counters tell how often each part ran. */
class Fixture {

    fun tryCatch(): Int {
        try {
            bodies++
            return five()
        } catch (e: RuntimeException) {
            catches++
            return -1
        }
    }

    fun tryFinally(): Int {
        try {
            bodies++
            return five()
        } finally {
            finallies++
        }
    }

    private fun five(): Int = 5

    companion object {
        @JvmField var bodies = 0
        @JvmField var catches = 0
        @JvmField var finallies = 0
    }
}

/** A default argument: a call without it goes through the synthetic static `greet$default`. */
class Greeter {

    fun greet(name: String = "world"): String {
        greetings++
        return "hello $name"
    }

    companion object {
        @JvmField var greetings = 0
    }
}

/** The calls the matrix makes, as Kotlin code makes them. */
object Driver {

    @JvmStatic fun tryCatch(): Any = Fixture().tryCatch()

    @JvmStatic fun tryFinally(): Any = Fixture().tryFinally()

    @JvmStatic fun defaults(): Any = Greeter().greet()

    @JvmStatic fun counters(): String =
        "bodies=${Fixture.bodies} catches=${Fixture.catches} finallies=${Fixture.finallies} greetings=${Greeter.greetings}"

    @JvmStatic fun reset(): String {
        Fixture.bodies = 0
        Fixture.catches = 0
        Fixture.finallies = 0
        Greeter.greetings = 0
        return "reset"
    }
}
