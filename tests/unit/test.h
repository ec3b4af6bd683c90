/* test.h: the frame every unit test file shares (Check) */
#ifndef REACH_TEST_H
#define REACH_TEST_H

#include <check.h>
#include <stdlib.h>

/*
 * Each tests/unit/<module>.c ends with TEST_MAIN(<module>_suite): it becomes
 * its own executable, which prints Check's summary and exits non-zero on
 * any failure. CK_FORK is left to Check's default so a crash fails one test.
 */
#define TEST_MAIN(suite_fn)                                        \
	int main(void)                                             \
	{                                                          \
		SRunner *sr = srunner_create(suite_fn());          \
		int failed;                                        \
		srunner_run_all(sr, CK_NORMAL);                    \
		failed = srunner_ntests_failed(sr);                \
		srunner_free(sr);                                  \
		return failed ? EXIT_FAILURE : EXIT_SUCCESS;       \
	}

#endif
