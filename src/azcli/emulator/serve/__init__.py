"""emulator.serve"""
