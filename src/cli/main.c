/* main.c: placeholder until the command table lands */
#include "../util/util.h"
int main(void) { return 0; }
