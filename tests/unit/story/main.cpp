// Boost.Test entry point: BOOST_TEST_MODULE comes from CMake.
#include <boost/test/unit_test.hpp>
