package com.example.matrix.scalac

/** Returns inside try/catch and try/finally; the counters tell how often each part ran. */
class Fixture {

  def tryCatch(): Int = {
    try {
      Fixture.bodies += 1
      return five()
    } catch {
      case _: RuntimeException =>
        Fixture.catches += 1
        return -1
    }
  }

  def tryFinally(): Int = {
    try {
      Fixture.bodies += 1
      return five()
    } finally {
      Fixture.finallies += 1
    }
  }

  private def five(): Int = 5
}

object Fixture {
  var bodies = 0
  var catches = 0
  var finallies = 0
}

/** A trait with a concrete method: the interface's default method, and a forwarder in each class that mixes it in. */
trait Greeter {
  def greet(): String = {
    Greeter.greetings += 1
    "hello"
  }
}

object Greeter {
  var greetings = 0
}

/** Gets scalac's forwarder `greet()`, which calls `Greeter.greet$(this)`, which calls the trait's `greet()`. */
class Polite extends Greeter

/** The calls the matrix makes, as Scala code makes them; scalac gives the object static forwarders. */
object Driver {

  def tryCatch(): Any = new Fixture().tryCatch()

  def tryFinally(): Any = new Fixture().tryFinally()

  def forwarder(): Any = new Polite().greet()

  def counters(): String =
    s"bodies=${Fixture.bodies} catches=${Fixture.catches} finallies=${Fixture.finallies} greetings=${Greeter.greetings}"

  def reset(): String = {
    Fixture.bodies = 0
    Fixture.catches = 0
    Fixture.finallies = 0
    Greeter.greetings = 0
    "reset"
  }
}
