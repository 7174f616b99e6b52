#error hi there
