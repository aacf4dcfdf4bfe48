"""Making Linkages a way of doing business (lessons 1, 2, 3, 9, 10): the county's annual
training plan with co-facilitator turns, and what sign-in sheets say about attendance."""
