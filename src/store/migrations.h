/* migrations.h: the list of schema steps */
#ifndef REACH_MIGRATIONS_H
#define REACH_MIGRATIONS_H

struct migration {
	int version;             /* the user_version after this step */
	const char *description; /* shown by `reach init` */
	const char *sql;         /* constant DDL, run in one transaction */
};

extern const struct migration migrations[];
extern const int migrations_count;

#endif
