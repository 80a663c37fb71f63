"""emulator.domain"""
