/**
 * Bosun lists every engine it discovers; the reference asks only the test engine (named by
 * DOCKER_HOST), so the bench asks Bosun for that one too.
 */
export const ONLY_TEST_ENGINE = { all: true, connectionIds: ['docker-host'] };
