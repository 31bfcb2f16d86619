#!/usr/bin/env bash
# Prints the JVM options a JVM that starts a Spark 4 context needs on Java 17: the ones Spark's own launcher adds
# (org.apache.spark.launcher.JavaModuleOptions, Spark 4.0.1; offload-spark/pom.xml's spark.java.options has the
# same list for the tests). ./offload adds them when --engine spark is given; for other launches:
#   java $(offload-spark/scripts/java-options.sh) ...
opts="-XX:+IgnoreUnrecognizedVMOptions -Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true"
for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
    java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs sun.security.action sun.util.calendar; do
  opts="$opts --add-opens=java.base/$p=ALL-UNNAMED"
done
echo "$opts --add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED"
