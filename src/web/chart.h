/* chart.h: the charts moved to src/chart/chart.h; this name stays for the pages that include it */
#ifndef REACH_WEB_CHART_H
#define REACH_WEB_CHART_H

#include "../chart/chart.h"

#endif
