/*
 * error.h - the library's error codes.
 *
 * 0 is success.  Codes are only ever appended, never renumbered: schedules,
 * scripts and other programs see them through the command's exit status.
 * The detailed message lives in a struct ro_diag (diag.h), not in the code.
 */
#ifndef RO_ERROR_H
#define RO_ERROR_H

enum ro_err {
	RO_OK = 0,
	RO_ENOMEM = 1,     /* an allocation failed */
	RO_EIO = 2,        /* reading or writing a file failed */
	RO_EPARSE = 3,     /* input is not well-formed XML / CSV */
	RO_ESCHEMA = 4,    /* input does not follow the XSD */
	RO_EINVAL = 5,     /* input is well-formed but wrong (semantic check) */
	RO_ESOLVER = 6,    /* GLPK failed (error hook, numerical trouble) */
	RO_ENOPLAN = 7,    /* the solver found no plan */
	RO_ETIMELIMIT = 8, /* time limit reached (a plan may still exist) */
	RO_EINTR = 9,      /* interrupted by a signal */
	RO_EVERIFY = 10,   /* a plan failed independent verification */
	RO_EARG = 11,      /* a bad argument to a library function */
	RO_ELIMIT = 12     /* a size or resource limit was exceeded */
};

/* A short, static, lowercase description of code; never NULL. */
const char *ro_strerror(int code);

#endif
