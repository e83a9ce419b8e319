// Compiled by the layering tests with MOCKET_PROBE_HEADER set to a header of another layer,
// against one library: it builds only where that library may see that header.
#include MOCKET_PROBE_HEADER

int mocketLayeringProbe()
{
    return 0;
}
